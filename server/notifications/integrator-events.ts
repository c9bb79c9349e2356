// What integrators receive: every webhook event type, its `data` schema and an example. Outbound
// webhooks send `{ type, timestamp, data }`; emitting code builds `data` through
// `queueIntegratorEvent`, typed by these schemas, and the API reference documents them (OpenAPI
// `webhooks`). Business events use snake_case, ISO 8601 times (UTC) and money in minor units with
// its ISO 4217 currency; alert events keep the payload they have always had.
import "server-only";
import { z } from "zod";
import type { AlertEventType, BusinessEventType } from "./contract";

const id = (what: string) => z.string().min(1).describe(`The ${what}'s id.`);
const time = (what: string) => z.iso.datetime().describe(`${what} (ISO 8601, UTC).`);
const currency = z.string().regex(/^[A-Z]{3}$/).describe("ISO 4217 currency code of the amounts.");
const minor = (what: string) => z.number().int().describe(`${what}, in minor units of the currency (cents).`);
const paymentMethod = z.enum(["cash", "card", "alipay", "wechat_pay", "online", "free"]).describe("How it was paid.");

const sale = z
  .object({
    id: id("sale"),
    machine_id: id("machine"),
    location_id: z.string().nullable().describe("Where the machine stood when it vended; null when it had no location."),
    product_id: z.string().nullable().describe("The product in the slot when it vended; null when unknown or deleted."),
    slot: z.string().describe("The slot (selection) code, e.g. A1."),
    status: z.enum(["succeeded", "failed"]).describe("Whether the product was dispensed."),
    failure_reason: z.enum(["dispense_failed", "jammed", "sold_out", "timeout", "other"]).nullable().describe("Why a failed vend failed."),
    occurred_at: time("When the machine vended"),
    received_at: time("When VendOps received the report"),
    amount_minor: minor("The price"),
    currency,
    vat_rate_bp: z.number().int().min(0).describe("The product's VAT rate when sold, in basis points (1900 = 19 %); the price includes it."),
    payment_method: paymentMethod,
    order_id: z.string().nullable().describe("The online order it fulfilled, if any."),
    inferred: z.boolean().describe("True when inferred from two DEX audits of a machine without telemetry, not reported vend by vend."),
  })
  .meta({ description: "One vend as recorded." });

const refund = z.object({
  refund_id: id("refund"),
  sale_id: z.string().nullable().describe("The sale refunded, if it is a sale's refund."),
  order_id: z.string().nullable().describe("The online order refunded, if it is an order's refund."),
  origin: z.enum(["automatic", "manual", "request"]).describe("automatic (a failed paid vend or expired order), manual (by a manager) or request (a consumer's approved request)."),
  reason: z.string().describe("Why it was refunded."),
  amount_minor: minor("The amount refunded"),
  currency,
  payment_method: paymentMethod,
  provider_refund_id: z.string().nullable().describe("The payment provider's id of the refund."),
  error: z.string().nullable().describe("Why it failed, when it failed."),
  attempts: z.number().int().min(0).describe("Attempts made with the payment provider."),
  created_at: time("When the refund was owed"),
});

const order = z.object({
  order_id: id("order"),
  machine_id: id("machine"),
  slot: z.string().describe("The slot the order vends from."),
  product_id: z.string().nullable().describe("The product ordered; null when deleted since."),
  product_name: z.string().describe("The product's name when ordered."),
  amount_minor: minor("The price"),
  currency,
  vat_rate_bp: z.number().int().min(0).describe("The product's VAT rate when ordered, in basis points; the price includes it."),
  status: z.enum(["awaiting_payment", "paid", "dispensed", "failed", "expired", "canceled"]).describe("The order's status after the change."),
  payment_method: paymentMethod.nullable(),
  paid_at: time("When it was paid").nullable(),
  created_at: time("When it was placed"),
});

const machineStatus = z.enum(["online", "offline", "fault", "disabled", "never_connected"]);

/** The data of each business event. */
const businessData = {
  "sale.recorded": z.object({ sales: z.array(sale).min(1).max(500).describe("Sales recorded since the last delivery, ordered by occurred_at.") }),
  "refund.requested": z.object({
    refund_request_id: id("refund request"),
    sale_id: id("sale"),
    machine_id: id("machine"),
    reason: z.string().describe("What the consumer reported."),
    status: z.enum(["pending", "approved"]).describe("pending until a manager decides; approved when the organization's rule approved it at once."),
    amount_minor: minor("The price of the purchase"),
    currency,
    requested_at: time("When the consumer reported the problem"),
  }),
  "refund.succeeded": refund.extend({ status: z.literal("succeeded") }),
  "refund.failed": refund.extend({ status: z.literal("failed") }),
  "order.paid": order,
  "order.expired": order.describe("A paid order the machine did not vend in time; it is refunded."),
  "visit.recorded": z.object({
    visit_id: id("visit"),
    machine_id: id("machine"),
    route_id: z.string().nullable().describe("The route it was made on, if any."),
    technician_id: z.string().nullable().describe("The member who made it."),
    occurred_at: time("When the machine was filled"),
    counts: z.array(z.object({ slot: z.string(), quantity: z.number().int().min(0) })).describe("Units in each counted slot after the fill."),
  }),
  "audit.recorded": z.object({
    audit_id: id("audit"),
    machine_id: id("machine"),
    source: z.enum(["machine", "upload", "visit"]).describe("How the DEX file arrived: sent by the machine, uploaded, or read at a visit."),
    read_at: time("When the machine was read"),
    received_at: time("When VendOps received it"),
    currency: currency.nullable(),
    paid_count: z.number().int().nullable().describe("Paid vends since the machine's initialisation, when given."),
    paid_value_minor: z.number().int().nullable().describe("Value of those vends in minor units, when given."),
    cash_sales_minor: z.number().int().nullable().describe("Cash sales in minor units, when given."),
    cashless_sales_minor: z.number().int().nullable().describe("Cashless sales in minor units, when given."),
    crc: z.enum(["absent", "ok", "mismatch"]).describe("The file's checksum check."),
  }),
  "cash.collected": z.object({
    collection_id: id("collection"),
    machine_id: id("machine"),
    source: z.enum(["machine", "technician"]).describe("Reported by the machine, or counted by a technician."),
    occurred_at: time("When the cash box was emptied"),
    amount_minor: minor("The amount reported"),
    counted_minor: z.number().int().nullable().describe("What was counted, in minor units."),
    expected_minor: z.number().int().nullable().describe("What the sales since the previous collection say should have been there, in minor units."),
    variance_minor: z.number().int().nullable().describe("Counted less expected, in minor units: negative is short."),
    currency,
    technician_id: z.string().nullable().describe("The member who counted it."),
    visit_id: z.string().nullable().describe("The visit it was counted at."),
  }),
  "machine.status_changed": z.object({
    machine_id: id("machine"),
    previous_status: machineStatus.describe("The status before."),
    status: machineStatus.describe("The status now: online, offline (silent past the organization's threshold), fault (an unresolved critical fault) or disabled."),
    changed_at: time("When it changed"),
    last_seen_at: time("When the machine last reported").nullable(),
  }),
} satisfies Record<BusinessEventType, z.ZodType>;

/** What alert events carry (camelCase, as they always have). */
const alertData = z.object({
  id: id("alert"),
  rule: z.string().describe("The rule that raised it, e.g. machine_fault, machine_offline, low_stock."),
  ruleLabel: z.string().describe("The rule in words."),
  code: z.string().describe("What it concerns within the rule: the machine's fault code, a slot, a collection..."),
  severity: z.enum(["info", "warning", "critical"]),
  status: z.enum(["open", "acknowledged", "resolved"]),
  message: z.string().describe("What happened, in a sentence."),
  machineId: z.string().nullable(),
  machineName: z.string().nullable(),
  count: z.number().int().describe("How often it occurred."),
  firstSeenAt: time("First occurrence"),
  lastSeenAt: time("Latest occurrence"),
  resolvedAt: time("When it resolved").nullable(),
  title: z.string(),
  url: z.url().describe("The alert's page in VendOps."),
});

const T = "2026-03-02T09:15:04.000Z";
const alertExample = {
  id: "alr_01hq3v7k2m",
  rule: "machine_fault",
  ruleLabel: "Machine fault",
  code: "COIN_JAM",
  severity: "critical" as const,
  status: "open" as const,
  message: "The machine reported COIN_JAM.",
  machineId: "mch_01hq3tz8x1",
  machineName: "Station hall 1",
  count: 1,
  firstSeenAt: T,
  lastSeenAt: T,
  resolvedAt: null,
  title: "Machine fault COIN_JAM on Station hall 1",
  url: "https://vendops.example.com/o/acme/alerts/alr_01hq3v7k2m",
};
const saleExample = {
  id: "sal_01hq3v9c4d",
  machine_id: "mch_01hq3tz8x1",
  location_id: "loc_01hq3ty0aa",
  product_id: "prd_01hq3ty5bb",
  slot: "A1",
  status: "succeeded" as const,
  failure_reason: null,
  occurred_at: T,
  received_at: "2026-03-02T09:15:06.000Z",
  amount_minor: 250,
  currency: "EUR",
  vat_rate_bp: 700,
  payment_method: "card" as const,
  order_id: null,
  inferred: false,
};
const refundExample = {
  refund_id: "rfd_01hq3vb0ee",
  sale_id: "sal_01hq3v9c4d",
  order_id: null,
  origin: "automatic" as const,
  reason: "vend_failed",
  amount_minor: 250,
  currency: "EUR",
  payment_method: "card" as const,
  provider_refund_id: "re_3OxYz",
  error: null,
  attempts: 1,
  created_at: T,
};
const orderExample = {
  order_id: "ord_01hq3vc1ff",
  machine_id: "mch_01hq3tz8x1",
  slot: "B3",
  product_id: "prd_01hq3ty5bb",
  product_name: "Sparkling water 0.5 l",
  amount_minor: 180,
  currency: "EUR",
  vat_rate_bp: 700,
  status: "paid" as const,
  payment_method: "card" as const,
  paid_at: T,
  created_at: "2026-03-02T09:14:30.000Z",
};

const alertEvent = (summary: string, description: string) => ({ summary, description, data: alertData, example: alertExample });

/**
 * Every webhook event integrators can subscribe to: a summary, a description, the schema of its
 * `data` and an example of it. Each example parses with its schema (a test keeps it so).
 */
export const integratorEvents = {
  "alert.raised": alertEvent("Alert raised", "An alert was raised or re-opened (a fault, offline machine, low stock...). Sent at most once per alert within 30 minutes."),
  "alert.escalated": alertEvent("Alert escalated", "An open alert became more severe."),
  "alert.acknowledged": alertEvent("Alert acknowledged", "A member acknowledged an alert."),
  "alert.resolved": alertEvent("Alert resolved", "An alert was resolved, by a member or by itself (the machine reported the condition gone)."),
  "sale.recorded": {
    summary: "Sales recorded",
    description:
      "The sales recorded since the last delivery to this endpoint, in batches of up to 500 (each ordered by occurred_at), sent within about a minute. Each sale is delivered to each endpoint once; an endpoint receives the sales recorded from when it was created or subscribed. A machine's late report can carry sales that occurred before those of an earlier delivery.",
    data: businessData["sale.recorded"],
    example: { sales: [saleExample] },
  },
  "refund.requested": {
    summary: "Refund requested",
    description: "A consumer reported a problem with a purchase and asked for a refund.",
    data: businessData["refund.requested"],
    example: {
      refund_request_id: "rrq_01hq3vd2gg",
      sale_id: "sal_01hq3v9c4d",
      machine_id: "mch_01hq3tz8x1",
      reason: "Nothing came out",
      status: "pending" as const,
      amount_minor: 250,
      currency: "EUR",
      requested_at: T,
    },
  },
  "refund.succeeded": {
    summary: "Refund succeeded",
    description: "The payment provider confirmed a refund.",
    data: businessData["refund.succeeded"],
    example: { ...refundExample, status: "succeeded" as const },
  },
  "refund.failed": {
    summary: "Refund failed",
    description: "A refund was given up on: the payment provider refused it or every retry failed.",
    data: businessData["refund.failed"],
    example: { ...refundExample, provider_refund_id: null, error: "The card was closed.", attempts: 5, status: "failed" as const },
  },
  "order.paid": {
    summary: "Order paid",
    description: "A consumer paid an online order; the machine is told to vend it.",
    data: businessData["order.paid"],
    example: orderExample,
  },
  "order.expired": {
    summary: "Order expired",
    description: "A paid online order was not vended in time; it is refunded in full.",
    data: businessData["order.expired"],
    example: { ...orderExample, status: "expired" as const },
  },
  "visit.recorded": {
    summary: "Visit recorded",
    description: "A technician recorded a visit: the slots' counts after filling the machine.",
    data: businessData["visit.recorded"],
    example: {
      visit_id: "rvs_01hq3vf3hh",
      machine_id: "mch_01hq3tz8x1",
      route_id: "rte_01hq3tw9jj",
      technician_id: "usr_01hq3tt1kk",
      occurred_at: T,
      counts: [
        { slot: "A1", quantity: 12 },
        { slot: "A2", quantity: 8 },
      ],
    },
  },
  "audit.recorded": {
    summary: "Audit recorded",
    description: "A DEX audit of a machine was stored (sent by the machine, uploaded, or read at a visit).",
    data: businessData["audit.recorded"],
    example: {
      audit_id: "aud_01hq3vg4mm",
      machine_id: "mch_01hq3tz8x1",
      source: "upload" as const,
      read_at: T,
      received_at: "2026-03-02T09:20:00.000Z",
      currency: "EUR",
      paid_count: 18234,
      paid_value_minor: 4123450,
      cash_sales_minor: 1200300,
      cashless_sales_minor: 2923150,
      crc: "ok" as const,
    },
  },
  "cash.collected": {
    summary: "Cash collected",
    description: "A machine's cash box was emptied, as the machine reported it or a technician counted it.",
    data: businessData["cash.collected"],
    example: {
      collection_id: "csh_01hq3vh5nn",
      machine_id: "mch_01hq3tz8x1",
      source: "technician" as const,
      occurred_at: T,
      amount_minor: 15250,
      counted_minor: 15250,
      expected_minor: 15400,
      variance_minor: -150,
      currency: "EUR",
      technician_id: "usr_01hq3tt1kk",
      visit_id: null,
    },
  },
  "machine.status_changed": {
    summary: "Machine status changed",
    description:
      "A machine went offline (silent past the organization's threshold), came back, reported a critical fault or had it cleared.",
    data: businessData["machine.status_changed"],
    example: { machine_id: "mch_01hq3tz8x1", previous_status: "online" as const, status: "offline" as const, changed_at: T, last_seen_at: "2026-03-02T08:59:00.000Z" },
  },
} as const satisfies Record<AlertEventType | BusinessEventType, { summary: string; description: string; data: z.ZodType; example: unknown }>;

export type IntegratorEventType = keyof typeof integratorEvents;
/** The `data` of a business event, as emitting code builds it. */
export type BusinessEventData<T extends BusinessEventType> = z.input<(typeof businessData)[T]>;

/** The schema of a business event's data. */
export function businessEventSchema<T extends BusinessEventType>(type: T): (typeof businessData)[T] {
  return businessData[type];
}

