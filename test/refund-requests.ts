import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { sales } from "~/db/schema";
import { consumerSelfContext } from "~/server/context";
import { reportProblem } from "~/server/consumers";
import { eventId, sendEvents } from "./machines";

/** A vend the machine reports, credited to a consumer's member id, with its own payment reference. */
export function memberVend(slot: string, options: { at: Date; consumerId?: string; ok?: boolean; method?: string; reference?: string; orderId?: string; price?: number }) {
  const ok = options.ok ?? true;
  return {
    id: eventId(),
    type: ok ? "vend.succeeded" : "vend.failed",
    occurredAt: options.at.toISOString(),
    data: {
      slot,
      priceMinor: options.price ?? 250,
      currency: "EUR",
      payment: { method: options.method ?? "card", ...(options.method === "cash" ? {} : { reference: options.reference ?? `pi_${eventId()}` }) },
      ...(options.consumerId ? { consumerId: options.consumerId } : {}),
      ...(options.orderId ? { orderId: options.orderId } : {}),
      ...(ok ? {} : { reason: "jammed" }),
    },
  };
}

export function faultEvent(code: string, at: Date) {
  return { id: eventId(), type: "machine.fault", occurredAt: at.toISOString(), data: { code, severity: "warning", message: `Fault ${code}` } };
}

/** Sends the events and answers the sale each vend among them was recorded as, by event id. */
export async function sendAndFindSales(db: Db, machine: { id: string; secret: string }, events: { id: string; type: string }[]) {
  const res = await sendEvents(db, machine.id, machine.secret, { events });
  if (res.status !== 200) throw new Error(`events answered ${res.status}: ${JSON.stringify(res.json)}`);
  const found = new Map<string, typeof sales.$inferSelect>();
  for (const e of events.filter((e) => e.type.startsWith("vend."))) {
    const [sale] = await db.select().from(sales).where(and(eq(sales.machineId, machine.id), eq(sales.eventId, e.id)));
    if (sale) found.set(e.id, sale);
  }
  return found;
}

/** The consumer reports a problem with their purchase. */
export function report(db: Db, consumerId: string, saleId: string, reason = "Nothing came out of the machine") {
  return reportProblem(consumerSelfContext(db, consumerId), { saleId, reason });
}

export const hoursFrom = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);
