import "server-only";
import { and, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { affectedRows, type Db } from "~/db/client";
import { notificationDeliveries, notifications } from "~/db/schema";

/** How long finished notification records are kept, in days. */
export const NOTIFICATION_RETENTION_DAYS = { deliveries: 30, readNotifications: 90 } as const;

const daysBefore = (at: Date, days: number) => sql`${at.toISOString()}::timestamptz - make_interval(days => ${days})`;

/**
 * Deletes, across every organization (run on the owner connection), deliveries that were
 * delivered or given up on and read in-app notifications past their retention. Pending
 * deliveries and unread notifications are never deleted. Answers how many rows went.
 */
export async function pruneNotifications(db: Db, input: { now: Date }): Promise<number> {
  const deliveries = await db
    .delete(notificationDeliveries)
    .where(and(inArray(notificationDeliveries.status, ["delivered", "failed", "cancelled"]), lt(notificationDeliveries.createdAt, daysBefore(input.now, NOTIFICATION_RETENTION_DAYS.deliveries))));
  const read = await db
    .delete(notifications)
    .where(and(isNotNull(notifications.readAt), lt(notifications.createdAt, daysBefore(input.now, NOTIFICATION_RETENTION_DAYS.readNotifications))));
  return affectedRows(deliveries) + affectedRows(read);
}
