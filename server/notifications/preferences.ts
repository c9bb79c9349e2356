import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { memberships, notificationPreferences, users } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { DEFAULT_LOCALE, isLocale } from "../i18n/locales";
import { defaultPreferences, notificationThresholds, type NoticeSeverity, type NotificationThreshold, type preferencesInput } from "./contract";
import { memberId } from "./member";

/** Whether a notice of `severity` reaches a member's `threshold` ("off" is reached by nothing). */
export function reaches(severity: NoticeSeverity, threshold: NotificationThreshold): boolean {
  return notificationThresholds.indexOf(severity) >= notificationThresholds.indexOf(threshold);
}

export async function getPreferences(ctx: ServiceCtx) {
  const [row] = await ctx.db
    .select({ inAppMinSeverity: notificationPreferences.inAppMinSeverity, emailMinSeverity: notificationPreferences.emailMinSeverity })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.orgId, ctx.orgId), eq(notificationPreferences.userId, memberId(ctx))));
  return row ?? { ...defaultPreferences };
}

/** A member's own preferences; nobody sets someone else's. */
export async function updatePreferences(ctx: ServiceCtx, input: z.infer<typeof preferencesInput>) {
  await ctx.db
    .insert(notificationPreferences)
    .values({ orgId: ctx.orgId, userId: memberId(ctx), ...input })
    .onConflictDoUpdate({ target: [notificationPreferences.orgId, notificationPreferences.userId], set: { ...input, updatedAt: sql`now()` } });
  return getPreferences(ctx);
}

/** Every member of the org with their address and preferences (the defaults where they chose none). */
export async function recipients(ctx: ServiceCtx) {
  const rows = await ctx.db
    .select({ userId: memberships.userId, address: users.email, locale: users.locale, inApp: notificationPreferences.inAppMinSeverity, email: notificationPreferences.emailMinSeverity })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.orgId, memberships.orgId), eq(notificationPreferences.userId, memberships.userId)))
    .where(eq(memberships.orgId, ctx.orgId));
  return rows.map((r) => ({ userId: r.userId, address: r.address, locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE, inApp: r.inApp ?? defaultPreferences.inAppMinSeverity, email: r.email ?? defaultPreferences.emailMinSeverity }));
}
