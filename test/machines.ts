import { Webhook } from "standardwebhooks";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { setPlanogram } from "~/server/inventory";
import { createProduct } from "~/server/catalog";
import { memberContext, type ServiceCtx } from "~/server/context";
import { createLocation } from "~/server/fleet";
import { registerMachine } from "~/server/fleet";
import { announcePendingAlerts } from "~/server/alerts";
import { handleEventsRequest } from "~/server/machine-api";
import { createOrg } from "./factories";

/** Runs a service as the org's owner inside a tenant transaction. */
export function asOwner<T>(db: Db, orgId: string, ownerId: string, fn: (ctx: ServiceCtx) => Promise<T>): Promise<T> {
  return withTenant(db, { orgId, userId: ownerId }, (tx) => fn(memberContext(tx, { orgId, role: "owner", userId: ownerId, name: "Owner" })));
}

/** An org with one location, three products and one registered machine with slots A1, A2, B1. */
export async function createMachineWithPlanogram(db: Db, options: { capacity?: number } = {}) {
  const { org, owner } = await createOrg(db);
  const capacity = options.capacity ?? 10;
  return asOwner(db, org.id, owner.id, async (ctx) => {
    const location = await createLocation(ctx, { name: "Main station", kind: "station" });
    const cola = await createProduct(ctx, { sku: "COLA-033", name: "Cola 0.33 l", category: "Drinks", priceMinor: 250, costMinor: 90 });
    const water = await createProduct(ctx, { sku: "WATER-05", name: "Water 0.5 l", category: "Drinks", priceMinor: 150, costMinor: 30 });
    const bar = await createProduct(ctx, { sku: "BAR-CHOC", name: "Chocolate bar", category: "Snacks", priceMinor: 180, costMinor: 70 });
    const { machine, credentials } = await registerMachine(ctx, { name: "Station hall 1", serial: `SN-${org.id.slice(-6)}`, model: "V-500", locationId: location.id });
    await setPlanogram(ctx, {
      machineId: machine.id,
      slots: [
        { code: "A1", productId: cola.id, capacity, parLevel: Math.floor(capacity / 2) },
        { code: "A2", productId: water.id, capacity, parLevel: Math.floor(capacity / 2) },
        { code: "B1", productId: bar.id, capacity, parLevel: Math.floor(capacity / 2) },
      ],
    });
    return { org, owner, location, products: { cola, water, bar }, machine, secret: credentials.secret };
  });
}

let requestCounter = 0;

export interface SendOptions {
  secret?: string;
  timestamp?: Date;
  webhookId?: string;
  contentType?: string;
  headers?: Record<string, string | null>;
  /** The server's clock, in ms since the epoch (default: the real clock). */
  serverNow?: number;
}

/** Builds the request a machine sends: body signed with the `standardwebhooks` library. */
export function signedRequest(machineId: string, secret: string, body: string, options: SendOptions = {}): Request {
  const webhookId = options.webhookId ?? `req-${Date.now()}-${++requestCounter}`;
  const timestamp = options.timestamp ?? new Date();
  const signature = new Webhook(options.secret ?? secret).sign(webhookId, timestamp, body);
  const headers = new Headers({
    "content-type": options.contentType ?? "application/json",
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  });
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === null) headers.delete(k);
    else headers.set(k, v);
  }
  return new Request(`http://localhost/api/v1/machines/${machineId}/events`, { method: "POST", headers, body });
}

/** Sends events as the machine would and returns status and parsed JSON. */
export async function sendEvents(db: Db, machineId: string, secret: string, payload: unknown, options: SendOptions = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const serverNow = options.serverNow;
  let announcements = 0;
  const res = await handleEventsRequest(db, machineId, signedRequest(machineId, secret, body, options), {
    ...(serverNow === undefined ? {} : { now: () => serverNow }),
    afterCommit: (outcome) => (announcements = outcome.announcements),
  });
  // What the route does right after the response: the alert news the batch queued.
  if (announcements > 0) await announcePendingAlerts(db);
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> & { results?: { id: string; status: string; error?: { code: string; message: string } }[] } };
}

let eventCounter = 0;
export const eventId = () => `evt-${Date.now().toString(36)}-${++eventCounter}`;

export function vend(slot: string, options: { ok?: boolean; at?: Date; method?: string; price?: number; reason?: string; id?: string } = {}) {
  const ok = options.ok ?? true;
  return {
    id: options.id ?? eventId(),
    type: ok ? "vend.succeeded" : "vend.failed",
    occurredAt: (options.at ?? new Date()).toISOString(),
    data: {
      slot,
      priceMinor: options.price ?? 250,
      currency: "EUR",
      payment: { method: options.method ?? "card", reference: "pi_test" },
      ...(ok ? {} : { reason: options.reason ?? "dispense_failed" }),
    },
  };
}

export function restock(slots: { slot: string; quantity: number }[], at = new Date(), id = eventId()) {
  return { id, type: "inventory.restocked", occurredAt: at.toISOString(), data: { slots } };
}
