import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { hostProblemReports, machines } from "~/db/schema";
import { asTenantWithinHost } from "~/db/tenant";
import { raiseAlert } from "~/server/alerts";
import { hostActingContext, type HostCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { HOST_REPORT_REPEAT_MINUTES, HOST_REPORTS_PER_HOUR, hostPortalMessages, reportProblemInput } from "./portal-inputs";

/**
 * A host reports a problem with a machine at their place. The report is kept (as the host role,
 * which the database lets write only for the host's own locations and machines there), and the
 * operator hears of it as a `host_report` alert on the machine: repeats count on the open alert.
 * The same words about the same machine within a few minutes are one report (a double tap); more
 * than a few reports an hour are refused.
 */
export async function reportMachineProblem(ctx: HostCtx, raw: z.input<typeof reportProblemInput>) {
  const input = reportProblemInput.parse(raw);
  const [machine] = await ctx.db
    .select({ id: machines.id, name: machines.name, locationId: machines.locationId })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, input.machineId)));
  if (!machine?.locationId || !ctx.locationIds.includes(machine.locationId)) throw notFound("Machine");

  const recent = await ctx.db
    .select({ id: hostProblemReports.id, machineId: hostProblemReports.machineId, text: hostProblemReports.text, createdAt: hostProblemReports.createdAt })
    .from(hostProblemReports)
    .where(and(eq(hostProblemReports.orgId, ctx.orgId), eq(hostProblemReports.userId, ctx.userId), gt(hostProblemReports.createdAt, sql`now() - interval '1 hour'`)))
    .orderBy(desc(hostProblemReports.createdAt));
  const repeat = recent.find(
    (r) => r.machineId === machine.id && r.text === input.text && r.createdAt.getTime() > Date.now() - HOST_REPORT_REPEAT_MINUTES * 60_000,
  );
  if (repeat) return { reportId: repeat.id, repeated: true };
  if (recent.length >= HOST_REPORTS_PER_HOUR) {
    const oldest = recent[recent.length - 1]!.createdAt.getTime();
    const retryAfterSeconds = Math.max(60, Math.ceil((oldest + 3_600_000 - Date.now()) / 1000));
    throw new ServiceError("TOO_MANY_REQUESTS", hostPortalMessages.report_too_many, { count: recent.length }, { retryAfterSeconds });
  }

  const reportId = newId("hpr");
  await ctx.db.insert(hostProblemReports).values({ id: reportId, orgId: ctx.orgId, locationId: machine.locationId, machineId: machine.id, userId: ctx.userId, text: input.text });
  const host = ctx.actor.label ?? "The host";
  const alert = await asTenantWithinHost(ctx.db, (tx) =>
    raiseAlert(hostActingContext(tx, ctx), {
      machineId: machine.id,
      rule: "host_report",
      code: "host_report",
      severity: "warning",
      at: new Date(),
      data: { reportId, text: input.text, host, locationId: machine.locationId! },
    }),
  );
  return { reportId, repeated: false, alertId: alert.alert.id };
}
