import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { organizations, replenishmentSettings } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import { recordAudit } from "~/server/tenancy";
import {
  DEFAULT_EMPTY_SLOT_HOUR_MINOR,
  DEFAULT_SAME_DAY_CUTOFF,
  DEFAULT_SELLOUT_THRESHOLD,
  DEFAULT_VISIT_COST_MINOR,
  DEFAULT_WORK_END,
  DEFAULT_WORK_START,
  DEFAULT_WORKING_DAYS,
  replenishmentMessages,
  settingsInput,
  type ReplenishmentSettings,
} from "./contract";

// Postgres writes a time as "07:00:00"; the settings speak "07:00".
const hhmm = (t: string | null, fallback: string) => (t ? t.slice(0, 5) : fallback);

/** The org's restocking settings, or the defaults in its currency. */
export async function getSettings(ctx: ServiceCtx): Promise<ReplenishmentSettings> {
  const [row] = await ctx.db
    .select({
      visitCostMinor: replenishmentSettings.visitCostMinor,
      currency: replenishmentSettings.currency,
      fillTo: replenishmentSettings.fillTo,
      selloutThreshold: replenishmentSettings.selloutThreshold,
      emptySlotHourMinor: replenishmentSettings.emptySlotHourMinor,
      workingDays: replenishmentSettings.workingDays,
      workStart: replenishmentSettings.workStart,
      workEnd: replenishmentSettings.workEnd,
      sameDayCutoff: replenishmentSettings.sameDayCutoff,
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
      emptySlotHourMinor: DEFAULT_EMPTY_SLOT_HOUR_MINOR,
      workingDays: [...DEFAULT_WORKING_DAYS],
      workStart: DEFAULT_WORK_START,
      workEnd: DEFAULT_WORK_END,
      sameDayCutoff: DEFAULT_SAME_DAY_CUTOFF,
      saved: false,
    };
  }
  return {
    visitCostMinor: row.visitCostMinor,
    currency: row.currency ?? row.orgCurrency,
    fillTo: row.fillTo ?? "capacity",
    selloutThreshold: row.selloutThreshold ?? DEFAULT_SELLOUT_THRESHOLD,
    emptySlotHourMinor: row.emptySlotHourMinor ?? DEFAULT_EMPTY_SLOT_HOUR_MINOR,
    workingDays: [...(row.workingDays ?? DEFAULT_WORKING_DAYS)].sort((a, b) => a - b),
    workStart: hhmm(row.workStart, DEFAULT_WORK_START),
    workEnd: hhmm(row.workEnd, DEFAULT_WORK_END),
    sameDayCutoff: hhmm(row.sameDayCutoff, DEFAULT_SAME_DAY_CUTOFF),
    saved: true,
  };
}

/** Saves the settings; the visit cost is in the org's currency; working days and hours left out stay as they are. */
export async function updateSettings(ctx: ServiceCtx, raw: z.input<typeof settingsInput>): Promise<ReplenishmentSettings> {
  const input = settingsInput.parse(raw);
  const before = await getSettings(ctx);
  const [org] = await ctx.db.select({ currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const work = {
    workingDays: [...(input.workingDays ?? before.workingDays)].sort((a, b) => a - b),
    workStart: input.workStart ?? before.workStart,
    workEnd: input.workEnd ?? before.workEnd,
    sameDayCutoff: input.sameDayCutoff ?? before.sameDayCutoff,
  };
  // "HH:MM" strings compare as the times they name.
  if (work.workEnd <= work.workStart) throw fieldError("workEnd", replenishmentMessages.work_end_before_start);
  const emptySlotHourMinor = input.emptySlotHourMinor ?? before.emptySlotHourMinor;
  const values = { visitCostMinor: input.visitCostMinor, fillTo: input.fillTo, selloutThreshold: input.selloutThreshold, emptySlotHourMinor, ...work, currency: org!.currency, updatedAt: new Date() };
  await ctx.db
    .insert(replenishmentSettings)
    .values({ orgId: ctx.orgId, ...values })
    .onConflictDoUpdate({ target: replenishmentSettings.orgId, set: values });
  await recordAudit(ctx, {
    action: "replenishment.settings_updated",
    targetType: "organization",
    targetId: ctx.orgId,
    data: {
      from: { visitCostMinor: before.visitCostMinor, fillTo: before.fillTo, selloutThreshold: before.selloutThreshold, emptySlotHourMinor: before.emptySlotHourMinor, workingDays: before.workingDays, workStart: before.workStart, workEnd: before.workEnd, sameDayCutoff: before.sameDayCutoff },
      to: { visitCostMinor: input.visitCostMinor, fillTo: input.fillTo, selloutThreshold: input.selloutThreshold, emptySlotHourMinor, ...work },
    },
  });
  return getSettings(ctx);
}
