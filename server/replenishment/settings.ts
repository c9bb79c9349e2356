import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { organizations, replenishmentSettings } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { recordAudit } from "~/server/tenancy";
import { DEFAULT_SELLOUT_THRESHOLD, DEFAULT_VISIT_COST_MINOR, settingsInput, type ReplenishmentSettings } from "./contract";

/** The org's restocking settings, or the defaults in its currency. */
export async function getSettings(ctx: ServiceCtx): Promise<ReplenishmentSettings> {
  const [row] = await ctx.db
    .select({
      visitCostMinor: replenishmentSettings.visitCostMinor,
      currency: replenishmentSettings.currency,
      fillTo: replenishmentSettings.fillTo,
      selloutThreshold: replenishmentSettings.selloutThreshold,
      orgCurrency: organizations.currency,
    })
    .from(organizations)
    .leftJoin(replenishmentSettings, eq(replenishmentSettings.orgId, organizations.id))
    .where(eq(organizations.id, ctx.orgId));
  if (!row || row.visitCostMinor === null) {
    return {
      visitCostMinor: DEFAULT_VISIT_COST_MINOR,
      currency: row?.orgCurrency ?? "EUR",
      fillTo: "capacity",
      selloutThreshold: DEFAULT_SELLOUT_THRESHOLD,
      saved: false,
    };
  }
  return {
    visitCostMinor: row.visitCostMinor,
    currency: row.currency ?? row.orgCurrency,
    fillTo: row.fillTo ?? "capacity",
    selloutThreshold: row.selloutThreshold ?? DEFAULT_SELLOUT_THRESHOLD,
    saved: true,
  };
}

/** Saves the settings; the visit cost is in the org's currency. */
export async function updateSettings(ctx: ServiceCtx, raw: z.input<typeof settingsInput>): Promise<ReplenishmentSettings> {
  const input = settingsInput.parse(raw);
  const before = await getSettings(ctx);
  const [org] = await ctx.db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const values = { ...input, currency: org!.currency, updatedAt: new Date() };
  await ctx.db
    .insert(replenishmentSettings)
    .values({ orgId: ctx.orgId, ...values })
    .onConflictDoUpdate({ target: replenishmentSettings.orgId, set: values });
  await recordAudit(ctx, {
    action: "replenishment.settings_updated",
    targetType: "organization",
    targetId: ctx.orgId,
    data: { from: { visitCostMinor: before.visitCostMinor, fillTo: before.fillTo, selloutThreshold: before.selloutThreshold }, to: input },
  });
  return getSettings(ctx);
}
