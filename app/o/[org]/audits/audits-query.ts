import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import { qualityCodes } from "~/server/audits/contract";
import { hasFindings, type AuditListItem } from "./audit-format";

/** The audits page's filters as the URL holds them: `machine` (asked of the server), `findings` and `quality` (over the loaded audits). */
export interface AuditsQuery {
  machineId?: string;
  findings?: FindingsFilter;
  quality?: string;
}

/** The findings filter's choices, in order; each is named by `audits.findings.<filter>`. */
export const findingsFilters = ["any", "missed", "unmapped", "crc", "clean"] as const;
export type FindingsFilter = (typeof findingsFilters)[number];

export const AUDITS_PAGE_SIZE = 50;

export function auditsQueryFrom(params: QueryReader): AuditsQuery {
  const machineId = idParam(params, "machine");
  const findings = params.get("findings");
  const quality = params.get("quality");
  return {
    ...(machineId ? { machineId } : {}),
    ...(findings && findingsFilters.includes(findings as FindingsFilter) ? { findings: findings as FindingsFilter } : {}),
    ...(quality && Object.hasOwn(qualityCodes, quality) ? { quality } : {}),
  };
}

/** The first page's input; later pages add `before`. */
export function auditsListInput(orgId: string, q: AuditsQuery) {
  return { orgId, limit: AUDITS_PAGE_SIZE, ...(q.machineId ? { machineId: q.machineId } : {}) };
}

/** Whether a loaded audit passes the findings and quality filters. */
export function auditMatches(a: AuditListItem, q: AuditsQuery): boolean {
  if (q.quality && !a.quality.some((n) => n.code === q.quality)) return false;
  switch (q.findings) {
    case undefined:
      return true;
    case "any":
      return hasFindings(a);
    case "missed":
      return a.missedVends > 0;
    case "unmapped":
      return a.unmappedSelections > 0;
    case "crc":
      return a.crc === "mismatch";
    case "clean":
      return !hasFindings(a);
  }
}

/** The query without a machine the org does not have (a stale link): the list of all machines' audits instead of an error. */
export function withKnownMachine(q: AuditsQuery, machines: { id: string }[]): AuditsQuery {
  if (!q.machineId || machines.some((m) => m.id === q.machineId)) return q;
  const { machineId: _unknown, ...rest } = q;
  return rest;
}
