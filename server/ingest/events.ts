import "server-only";
import { z } from "zod";
import { paymentMethod, vendFailureReason } from "~/db/schema";
import type { RejectionCode } from "./contract";
import { machineMessage, machineText, parseOccurredAt } from "./event-fields";

// Machine protocol v1 event shapes (PROTOCOL.md). Fields not listed are ignored, so machines may
// send more as the protocol grows by optional fields.

export const MAX_EVENTS_PER_REQUEST = 500;
export const MAX_BODY_BYTES = 1024 * 1024;

const currencies = new Set(Intl.supportedValuesOf("currency"));
const currency = z.string().refine((c) => currencies.has(c), "must be an ISO 4217 currency code such as EUR");
const minor = z.number().int("must be an integer in minor units").min(0, "must not be negative").max(100_000_000);
// Planogram codes are upper case ("A1"); a machine that sends "a1" means the same slot.
const slot = machineText(8, 1).transform((code) => code.toUpperCase());

const payment = z.object({
  method: z.enum(paymentMethod.enumValues, `must be one of ${paymentMethod.enumValues.join(", ")}`),
  reference: machineText(200).optional(),
});

const vend = z.object({
  slot,
  priceMinor: minor,
  currency,
  payment,
  orderId: machineText(64).optional(),
  consumerId: machineText(64).optional(),
});

export const eventData = {
  "machine.heartbeat": z.object({
    // Kept to 0.01 °C (and 0, not -0): a value as tiny as 1e-200 is below what a Postgres real holds.
    temperatureC: z
      .number()
      .min(-100)
      .max(200)
      .transform((c) => Math.round(c * 100) / 100 || 0)
      .optional(),
    doorOpen: z.boolean().optional(),
    firmware: machineText(64).optional(),
    signalDbm: z.number().min(-200).max(50).optional(),
  }),
  "vend.succeeded": vend,
  "vend.failed": vend.extend({
    reason: z.enum(vendFailureReason.enumValues, `must be one of ${vendFailureReason.enumValues.join(", ")}`),
  }),
  "machine.fault": z.object({
    code: machineText(64, 1),
    severity: z.enum(["info", "warning", "critical"], "must be one of info, warning, critical"),
    message: machineMessage(500).optional(),
  }),
  "machine.fault_cleared": z.object({ code: machineText(64, 1) }),
  "inventory.restocked": z.object({
    slots: z
      .array(z.object({ slot, quantity: z.number().int("must be a whole number").min(0).max(9999) }))
      .min(1, "must list at least one slot")
      .max(200, "must list at most 200 slots, as a machine has at most 200"),
    visitId: machineText(64).optional(),
  }),
  "cash.collected": z.object({ amountMinor: minor, currency }),
} as const;

export type EventType = keyof typeof eventData;
export const eventTypes = Object.keys(eventData) as EventType[];

export type MachineEvent = {
  [T in EventType]: { id: string; type: T; occurredAt: Date; data: z.infer<(typeof eventData)[T]> };
}[EventType];

export interface Rejection {
  code: RejectionCode;
  message: string;
}

const EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

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
  // Own keys only: "toString" or "__proto__" are not event types.
  if (typeof type !== "string" || !Object.hasOwn(eventData, type)) {
    return { id, rejection: { code: "unknown_type", message: `type must be one of ${eventTypes.join(", ")}` } };
  }
  const occurred = parseOccurredAt(obj.occurredAt, now);
  if ("message" in occurred) return { id, rejection: { code: "invalid_occurred_at", message: occurred.message } };
  const occurredAt = occurred.at;
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
