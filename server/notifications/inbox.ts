import "server-only";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { notifications } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { listNotificationsInput, type markReadInput } from "./contract";
import { memberId } from "./member";

/** The member's own notifications in this org, newest first. */
export async function listNotifications(ctx: ServiceCtx, input: z.input<typeof listNotificationsInput>) {
  const q = listNotificationsInput.parse(input);
  return ctx.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, memberId(ctx)), q.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit);
}

/** The badge: one indexed count, cheap enough to poll every few seconds. */
export async function unreadCount(ctx: ServiceCtx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, memberId(ctx)), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function markRead(ctx: ServiceCtx, input: z.infer<typeof markReadInput>): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, memberId(ctx)), inArray(notifications.id, input.ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function markAllRead(ctx: ServiceCtx): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.orgId, ctx.orgId), eq(notifications.userId, memberId(ctx)), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
