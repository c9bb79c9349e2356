import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { cashCollections, type CashCollection } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { getAlertSettings, raiseAlert, resolveAlert, type OrgAlertSettings } from "~/server/alerts";
import { jobContext, type ServiceCtx } from "../context";
import { publishCashCollected } from "./collection-events";
import { isVarianceBeyond } from "./contract";

/**
 * Raises a `cash_variance` alert (one per collection: its id is the code) when the collection's
 * variance reaches the org's threshold; when it does not, resolves one raised before on the same
 * collection (a technician's count that settles what the machine's figure suggested). Returns
 * whether an alert is open for it now.
 */
export async function settleVarianceAlert(
  ctx: ServiceCtx,
  input: { collection: CashCollection; settings: OrgAlertSettings; technician: string | null },
): Promise<boolean> {
  const c = input.collection;
  if (c.expectedMinor === null || c.countedMinor === null || c.varianceMinor === null) return false;
  const figures = { expectedMinor: c.expectedMinor, varianceMinor: c.varianceMinor };
  if (!isVarianceBeyond(figures, input.settings)) {
    await resolveAlert(ctx, { machineId: c.machineId, rule: "cash_variance", code: c.id, at: new Date() });
    return false;
  }
  await raiseAlert(ctx, {
    machineId: c.machineId,
    rule: "cash_variance",
    code: c.id,
    severity: "warning",
    at: c.occurredAt,
    data: {
      collectionId: c.id,
      expectedMinor: c.expectedMinor,
      countedMinor: c.countedMinor,
      varianceMinor: c.varianceMinor,
      currency: c.currency,
      technician: input.technician,
    },
  });
  return true;
}

/**
 * Checks the variance of machine-reported collections ingest left pending, org by org, and raises
 * the alerts they call for: right after a machine's batch that reported a collection commits, and
 * from the notification sweep as the safety net. Each collection is claimed once (rows another
 * server is checking are skipped). Returns how many it checked.
 */
export async function checkCashVariance(db: Db, options: { limit?: number } = {}): Promise<number> {
  const orgs = await db.selectDistinct({ orgId: cashCollections.orgId }).from(cashCollections).where(eq(cashCollections.variancePending, true));
  let checked = 0;
  for (const { orgId } of orgs) {
    checked += await withTenant(db, { orgId }, async (tx) => {
      const ctx = jobContext(tx, { orgId, name: "cash-variance", label: "Cash check" });
      const claimed = await tx
        .update(cashCollections)
        .set({ variancePending: false })
        .where(
          and(
            eq(cashCollections.orgId, orgId),
            inArray(
              cashCollections.id,
              sql`(select c.id from cash_collections c where c.org_id = ${orgId} and c.variance_pending order by c.occurred_at, c.id limit ${options.limit ?? 500} for update skip locked)`,
            ),
          ),
        )
        .returning();
      if (claimed.length === 0) return 0;
      const settings = await getAlertSettings(ctx);
      for (const collection of claimed) {
        await settleVarianceAlert(ctx, { collection, settings, technician: null });
        // Each machine-reported collection passes here once, after the ingest that recorded it.
        await publishCashCollected(ctx, collection);
      }
      return claimed.length;
    });
  }
  return checked;
}
