import { z } from "zod";
import { defineMessages } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";

/** The least severity a member hears about on a channel; "off" hears nothing. */
export const notificationThresholds = ["info", "warning", "critical", "off"] as const;
export type NotificationThreshold = (typeof notificationThresholds)[number];
/** How urgent a notice is. */
export type NoticeSeverity = Exclude<NotificationThreshold, "off">;

/** What a member hears until they choose. */
export const defaultPreferences = { inAppMinSeverity: "warning", emailMinSeverity: "critical" } as const satisfies Record<string, NotificationThreshold>;

/** What happens to alerts, as webhook events. */
export const alertEventTypes = ["alert.raised", "alert.escalated", "alert.acknowledged", "alert.resolved"] as const;
/** What happens in the business (sales, refunds, orders, visits, audits, cash, machines), as webhook events. */
export const businessEventTypes = [
  "sale.recorded",
  "refund.requested",
  "refund.succeeded",
  "refund.failed",
  "order.paid",
  "order.expired",
  "visit.recorded",
  "audit.recorded",
  "cash.collected",
  "machine.status_changed",
] as const;
/** Event types an outbound webhook endpoint can subscribe to. */
export const webhookEventTypes = [...alertEventTypes, ...businessEventTypes] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export type AlertEventType = (typeof alertEventTypes)[number];
export type BusinessEventType = (typeof businessEventTypes)[number];
/** What an endpoint may receive: its subscriptions, and the test event sent by hand. */
export type EndpointEventType = WebhookEventType | "webhook.test";

export const deliveryStatuses = ["pending", "sending", "delivered", "failed", "cancelled"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * What the alerts domain tells notifications about an alert: enough to notify members, mail them
 * and post to webhook endpoints, in the words alerts chose.
 */
export type AlertNotice = {
  alertId: string;
  severity: NoticeSeverity;
  /** "Machine fault COIN_JAM on Station hall 1" */
  title: string;
  /** What happened, in a sentence. */
  text: string;
  /** The alert's rule and what it concerns (its machine, else its code), for a summary of several. */
  ruleLabel: string;
  subject: string;
  /** The alert's page, relative to the organization ("/alerts/alr_...") and absolute (for e-mail). */
  link: string;
  url: string;
  /** What webhook endpoints receive as the event's `data` (always English, for integrators). */
  payload: Record<string, unknown>;
  /** The title, text and rule label in the languages other than English, for members who read those. */
  translations?: Partial<Record<Exclude<Locale, "en">, { title: string; text: string; ruleLabel: string }>>;
};

export const notificationsMessages = defineMessages("notifications", {
  inbox_members_only: "Only members have an inbox.",
  non_public_address:
    "This URL reaches {address}, which is not a public address; webhooks go to public addresses only (set WEBHOOK_ALLOW_PRIVATE=true to allow private networks).",
});

const id = z.string().min(1).max(64);

export const listNotificationsInput = z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) });
export const markReadInput = z.object({ ids: z.array(id).min(1).max(200) });
export const preferencesInput = z.object({ inAppMinSeverity: z.enum(notificationThresholds), emailMinSeverity: z.enum(notificationThresholds) });

const url = z
  .url({ message: "Enter a full URL, e.g. https://example.com/hooks/vendops", protocol: /^https?$/ })
  .max(2000, "Keep the URL under 2000 characters");

export const endpointInput = z.object({
  url,
  description: z.string().trim().max(200, "Keep the description under 200 characters").default(""),
  eventTypes: z.array(z.enum(webhookEventTypes)).max(webhookEventTypes.length).default([]),
});
export const endpointIdInput = z.object({ endpointId: id });
export const updateEndpointInput = endpointInput.extend({ endpointId: id });
export const setEndpointEnabledInput = z.object({ endpointId: id, enabled: z.boolean() });
export const deliveriesInput = z.object({ endpointId: id, limit: z.number().int().min(1).max(200).default(50) });
