/** Event types an endpoint can subscribe to. */
export const webhookEventTypes = ["alert.raised", "alert.escalated", "alert.acknowledged", "alert.resolved"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number] | "webhook.test";
