import { z } from "zod";
import { paymentMethod, vendFailureReason } from "~/db/schema";

// Machine protocol v1 event shapes (PROTOCOL.md). Fields not listed are ignored, so machines may
// send more as the protocol grows by optional fields.

export const MAX_EVENTS_PER_REQUEST = 500;
export const MAX_BODY_BYTES = 1024 * 1024;

const currencies = new Set(Intl.supportedValuesOf("currency"));
const currency = z.string().refine((c) => currencies.has(c), "must be an ISO 4217 currency code such as EUR");
const minor = z.number().int("must be an integer in minor units").min(0, "must not be negative").max(100_000_000);
// Planogram codes are upper case ("A1"); a machine that sends "a1" means the same slot.
const slot = z
  .string()
  .min(1)
  .max(8)
  .transform((code) => code.toUpperCase());

const payment = z.object({
  method: z.enum(paymentMethod.enumValues, `must be one of ${paymentMethod.enumValues.join(", ")}`),
  reference: z.string().max(200).optional(),
});

const vend = z.object({
  slot,
  priceMinor: minor,
  currency,
  payment,
  orderId: z.string().max(64).optional(),
  consumerId: z.string().max(64).optional(),
});

export const eventData = {
  "machine.heartbeat": z.object({
    temperatureC: z.number().min(-100).max(200).optional(),
    doorOpen: z.boolean().optional(),
    firmware: z.string().max(64).optional(),
    signalDbm: z.number().min(-200).max(50).optional(),
  }),
  "vend.succeeded": vend,
  "vend.failed": vend.extend({
    reason: z.enum(vendFailureReason.enumValues, `must be one of ${vendFailureReason.enumValues.join(", ")}`),
  }),
  "machine.fault": z.object({
    code: z.string().min(1).max(64),
    severity: z.enum(["info", "warning", "critical"], "must be one of info, warning, critical"),
    message: z.string().max(500).optional(),
  }),
  "machine.fault_cleared": z.object({ code: z.string().min(1).max(64) }),
  "inventory.restocked": z.object({
    slots: z
      .array(z.object({ slot, quantity: z.number().int("must be a whole number").min(0).max(9999) }))
      .min(1, "must list at least one slot"),
    visitId: z.string().max(64).optional(),
  }),
  "cash.collected": z.object({ amountMinor: minor, currency }),
} as const;

export type EventType = keyof typeof eventData;
export const eventTypes = Object.keys(eventData) as EventType[];

export type MachineEvent = {
  [T in EventType]: { id: string; type: T; occurredAt: Date; data: z.infer<(typeof eventData)[T]> };
}[EventType];

export type RejectionCode = "invalid_id" | "unknown_type" | "invalid_occurred_at" | "invalid_data" | "unknown_slot" | "unknown_order";

export interface Rejection {
  code: RejectionCode;
  message: string;
}

const EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** A machine clock may run a little fast; an event from further in the future is refused. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? `data.${issue.path.join(".")}` : "data";
  return issue.code === "invalid_type" && issue.input === undefined ? `${field} is required` : `${field} ${issue.message}`;
}

/** Validates one event of a batch: the event, or the rejection with its code. */
export function parseEvent(raw: unknown, now = Date.now()): { event: MachineEvent } | { id: string | null; rejection: Rejection } {
  const obj = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const id = typeof obj.id === "string" ? obj.id : null;
  if (!id || !EVENT_ID.test(id)) {
    return { id, rejection: { code: "invalid_id", message: "id must be 1 to 64 characters of A-Z a-z 0-9 _ . : -" } };
  }
  const type = obj.type;
  if (typeof type !== "string" || !(type in eventData)) {
    return { id, rejection: { code: "unknown_type", message: `type must be one of ${eventTypes.join(", ")}` } };
  }
  const occurredAt = typeof obj.occurredAt === "string" && RFC3339.test(obj.occurredAt) ? new Date(obj.occurredAt) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) {
    return { id, rejection: { code: "invalid_occurred_at", message: "occurredAt must be an RFC 3339 timestamp such as 2026-11-24T09:15:02Z" } };
  }
  if (occurredAt.getTime() > now + MAX_FUTURE_MS) {
    return { id, rejection: { code: "invalid_occurred_at", message: "occurredAt is more than a day ahead of the server's clock; check the machine's clock" } };
  }
  const data = eventData[type as EventType].safeParse(obj.data ?? {});
  if (!data.success) return { id, rejection: { code: "invalid_data", message: describe(data.error) } };
  return { event: { id, type, occurredAt, data: data.data } as MachineEvent };
}

/** The batch envelope: `{ "events": [...] }` with 1 to 500 events. */
export function parseEnvelope(body: unknown): { events: unknown[] } | { error: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { error: 'The body must be a JSON object: { "events": [...] }.' };
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) return { error: 'The body must have an "events" array.' };
  if (events.length < 1 || events.length > MAX_EVENTS_PER_REQUEST) {
    return { error: `"events" must hold 1 to ${MAX_EVENTS_PER_REQUEST} events; this request has ${events.length}.` };
  }
  return { events };
}
