import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { alerts } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";

/**
 * A condition for another domain's statement: true while the machine has an unresolved critical
 * fault. Built here, where the meaning of an alert row lives, and evaluated inside the caller's
 * statement, so a machine's report stays one statement.
 */
export function hasOpenCriticalFault(ctx: ServiceCtx, input: { machineId: string }): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${alerts} a where a.org_id = ${ctx.orgId} and a.machine_id = ${input.machineId}
    and a.rule = 'machine_fault' and a.severity = 'critical' and a.status <> 'resolved')`;
}
