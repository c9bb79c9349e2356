import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { notificationPreferences, notifications } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError } from "../errors";

function me(ctx: ServiceCtx): string {
  if (ctx.actor.type !== "user") throw new ServiceError("FORBIDDEN", "Only members have an inbox.");
  return ctx.actor.id;
}

export const listNotificationsInput = z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) });

/** The member's own notifications in this org, newest first. */
export async function listNotifications(ctx: ServiceCtx, input: z.input<typeof listNotificationsInput>) {
  const q = listNotificationsInput.parse(input);
  return ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, me(ctx)), q.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit);
}

/** The badge: one indexed count, cheap enough to poll every few seconds. */
export async function unreadCount(ctx: ServiceCtx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, me(ctx)), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export const markReadInput = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) });

export async function markRead(ctx: ServiceCtx, input: z.infer<typeof markReadInput>): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, me(ctx)), inArray(notifications.id, input.ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function markAllRead(ctx: ServiceCtx): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, me(ctx)), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

const threshold = z.enum(["info", "warning", "critical", "off"]);
export const preferencesInput = z.object({ inAppMinSeverity: threshold, emailMinSeverity: threshold });

export async function getPreferences(ctx: ServiceCtx) {
  const [row] = await ctx.db
    .select({ inAppMinSeverity: notificationPreferences.inAppMinSeverity, emailMinSeverity: notificationPreferences.emailMinSeverity })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.orgId, ctx.orgId), eq(notificationPreferences.userId, me(ctx))));
  return row ?? { inAppMinSeverity: "warning" as const, emailMinSeverity: "critical" as const };
}

/** A member's own preferences; nobody sets someone else's. */
export async function updatePreferences(ctx: ServiceCtx, input: z.infer<typeof preferencesInput>) {
  await ctx.db
    .insert(notificationPreferences)
    .values({ orgId: ctx.orgId, userId: me(ctx), ...input })
    .onConflictDoUpdate({ target: [notificationPreferences.orgId, notificationPreferences.userId], set: { ...input, updatedAt: sql`now()` } });
  return getPreferences(ctx);
}
