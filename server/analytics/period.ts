import "server-only";
import { eq } from "drizzle-orm";
import { organizations } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import { dayPeriod, localDay, type DayPeriod } from "~/server/time";
import { analyticsMessages, MAX_PERIOD_DAYS } from "./contract";

export interface Period extends DayPeriod {
  currency: string;
  timeZone: string;
  /** Today in the org's zone. */
  today: string;
}

/** Resolves a period against the org's zone: its defaults, and the period before it. */
export async function resolvePeriod(ctx: ServiceCtx, input: { from?: string; to?: string; defaultDays?: number; now?: Date }): Promise<Period> {
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) throw new Error("organization not found");
  const today = localDay(input.now ?? new Date(), org.timeZone);
  const period = dayPeriod(input, today, input.defaultDays ?? 30);
  if (period.days > MAX_PERIOD_DAYS) throw fieldError("from", analyticsMessages.period_too_long);
  return { ...period, currency: org.currency, timeZone: org.timeZone, today };
}
