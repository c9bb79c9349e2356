import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { notificationDeliveries, webhookEndpoints, type NotificationDelivery } from "~/db/schema";
import { deliverMail, mailEnabled } from "../mail/mailer";
import { renderMessage } from "../errors";
import { openEndpointSecret, postWebhook, type Attempt } from "./outbound-webhooks";
import { webhookTexts } from "./webhook-texts";

/** Attempts before a delivery is given up and its webhook endpoint disabled. */
export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;

/** Wait before attempt n+1: 30 s, 2 min, 8 min, 32 min, about 2 h, then 4 h (about 11 h in all), ±10 %. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(30_000 * 4 ** (attempts - 1), 4 * 3_600_000);
  return Math.round(base * (0.9 + 0.2 * random()));
}

export interface SendOptions {
  /** Another SMTP server than SMTP_URL (tests). */
  smtpUrl?: string;
  maxAttempts?: number;
  limit?: number;
}

async function attempt(db: Db, d: NotificationDelivery, options: SendOptions): Promise<Attempt | "waits"> {
  if (d.channel === "email") {
    const started = performance.now();
    const { to, subject, text } = d.payload as { to: string; subject: string; text: string };
    try {
      await deliverMail({ to, subject, text }, options);
      return { ok: true, status: null, latencyMs: Math.round(performance.now() - started), error: null };
    } catch (error) {
      return { ok: false, status: null, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
    }
  }
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, d.endpointId!));
  if (!endpoint?.enabled) return "waits";
  return postWebhook(endpoint.url, openEndpointSecret(endpoint.secretCiphertext), d.id, d.payload);
}

/**
 * Sends the notification outbox's due rows (all organizations; run on the owner connection):
 * claims them with `FOR UPDATE SKIP LOCKED` and a lease, sends each once, records the outcome,
 * retries with exponential backoff, and after the last attempt gives up and disables the
 * webhook endpoint. Deliveries to a disabled endpoint wait until it is enabled again.
 */
export async function sendDueDeliveries(db: Db, options: SendOptions = {}): Promise<{ claimed: number; delivered: number; failed: number }> {
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const emailOn = Boolean(options.smtpUrl) || mailEnabled();
  if (!emailOn) {
    // Members may ask for e-mail before the deployment can send it: say so in the log, once.
    await db
      .update(notificationDeliveries)
      .set({ status: "cancelled", lastError: "E-mail is not configured on this deployment (SMTP_URL)." })
      .where(and(eq(notificationDeliveries.channel, "email"), eq(notificationDeliveries.status, "pending")));
  }
  const claimed = await db
    .update(notificationDeliveries)
    .set({ status: "sending", attempts: sql`${notificationDeliveries.attempts} + 1`, leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(
      inArray(
        notificationDeliveries.id,
        sql`(select d.id from notification_deliveries d
          where ((d.status = 'pending' and d.next_attempt_at <= now()) or (d.status = 'sending' and d.lease_until < now()))
            and (d.channel <> 'webhook' or exists (select 1 from webhook_endpoints e where e.id = d.endpoint_id and e.enabled))
          order by d.next_attempt_at limit ${options.limit ?? 50} for update skip locked)`,
      ),
    )
    .returning();
  let delivered = 0;
  let failed = 0;
  await Promise.all(
    claimed.map(async (d) => {
      const result = await attempt(db, d, options);
      const key = and(eq(notificationDeliveries.id, d.id), eq(notificationDeliveries.status, "sending"));
      if (result === "waits") {
        await db.update(notificationDeliveries).set({ status: "pending", attempts: d.attempts - 1, leaseUntil: null }).where(key);
        return;
      }
      const recorded = { responseStatus: result.status, latencyMs: result.latencyMs, lastError: result.error, leaseUntil: null };
      if (result.ok) {
        delivered++;
        await db.update(notificationDeliveries).set({ ...recorded, status: "delivered", deliveredAt: sql`now()` }).where(key);
        return;
      }
      if (d.attempts < maxAttempts) {
        await db.update(notificationDeliveries).set({ ...recorded, status: "pending", nextAttemptAt: new Date(Date.now() + backoffMs(d.attempts)) }).where(key);
        return;
      }
      failed++;
      await db.update(notificationDeliveries).set({ ...recorded, status: "failed" }).where(key);
      if (d.channel === "webhook") {
        await db
          .update(webhookEndpoints)
          .set({ enabled: false, disabledAt: sql`now()`, disabledReason: renderMessage(webhookTexts.disabled_after_failures, { attempts: d.attempts, delivery: d.id, error: String(result.error) }), updatedAt: sql`now()` })
          .where(and(eq(webhookEndpoints.id, d.endpointId!), eq(webhookEndpoints.enabled, true)));
      }
    }),
  );
  return { claimed: claimed.length, delivered, failed };
}

/** Sends what is due right now; never throws (the sweep job retries). */
export async function sendNotificationsNow(db: Db): Promise<void> {
  try {
    await sendDueDeliveries(db);
  } catch (error) {
    console.error("[notifications] sending failed; the sweep will retry:", error);
  }
}
