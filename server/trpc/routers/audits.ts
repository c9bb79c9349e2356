import "server-only";
import { auditInput, getAudit, getSelectionMap, listAudits, listAuditsInput, machineAuditSummary, matchAuditFilesInput, selectionMapInput, setSelectionMap, setSelectionMapInput, uploadAuditsInput } from "~/server/audits";
import { matchAuditFiles, uploadAudits } from "~/server/ingest";
import { createTRPCRouter, orgProcedure } from "../init";

export const auditsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listAuditsInput).query(({ ctx, input }) => listAudits(ctx.svc, input)),
  get: orgProcedure("viewer").input(auditInput).query(({ ctx, input }) => getAudit(ctx.svc, { ...input, locale: ctx.locale })),
  /** A machine's audits at a glance: quality notes, coin tubes, the newest reconciliation. */
  machineSummary: orgProcedure("viewer").input(selectionMapInput).query(({ ctx, input }) => machineAuditSummary(ctx.svc, input)),
  /** Proposes the machine of each file to upload, from the serial read in it. */
  match: orgProcedure("technician").input(matchAuditFilesInput).query(({ ctx, input }) => matchAuditFiles(ctx.svc, input)),
  upload: orgProcedure("technician").input(uploadAuditsInput).mutation(({ ctx, input }) => uploadAudits(ctx.svc, input)),
  selectionMap: orgProcedure("viewer").input(selectionMapInput).query(({ ctx, input }) => getSelectionMap(ctx.svc, input)),
  setSelectionMap: orgProcedure("manager").input(setSelectionMapInput).mutation(({ ctx, input }) => setSelectionMap(ctx.svc, input)),
});
