// Helpers for specs about the fleet: people joining an org through the API, and a machine that
// sends signed events (protocol v1) the way a real one does, with the `standardwebhooks` library.
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { apiSignIn, apiSignUp, newAccount, trpcMutation, type Account } from "./fixtures";

/** A new account joins the org with `role`: invited by `owner` (a signed-in context), then accepts. */
export async function apiJoinOrg(
  browser: Browser,
  owner: BrowserContext,
  orgId: string,
  role: "admin" | "manager" | "technician" | "viewer",
): Promise<{ context: BrowserContext; account: Account }> {
  const account = newAccount(role);
  const { path } = await trpcMutation<{ path: string }>(owner.request, "invitations.create", { orgId, email: account.email, role });
  const context = await browser.newContext();
  await apiSignUp(context.request, account);
  await apiSignIn(context, account);
  await trpcMutation(context.request, "invitations.accept", { token: path.split("/").pop() });
  return { context, account };
}

const eventIds = () => `evt-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;

/** A signed `POST /api/v1/machines/{id}/events` with the events; answers status and JSON. */
export async function sendMachineEvents(request: APIRequestContext, machineId: string, secret: string, events: unknown[]) {
  const body = JSON.stringify({ events });
  const webhookId = `req-${randomBytes(8).toString("hex")}`;
  const timestamp = new Date();
  const signature = new Webhook(secret).sign(webhookId, timestamp, body);
  const res = await request.post(`/api/v1/machines/${machineId}/events`, {
    headers: {
      "content-type": "application/json",
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "webhook-signature": signature,
    },
    data: body,
  });
  return { status: res.status(), json: (await res.json()) as { results?: { id: string; status: string }[]; error?: { code: string } } };
}

export function vendEvent(slot: string, options: { priceMinor: number; method?: string; at?: Date; failed?: boolean }) {
  return {
    id: eventIds(),
    type: options.failed ? "vend.failed" : "vend.succeeded",
    occurredAt: (options.at ?? new Date()).toISOString(),
    data: {
      slot,
      priceMinor: options.priceMinor,
      currency: "EUR",
      payment: { method: options.method ?? "card", reference: `pi_${randomBytes(6).toString("hex")}` },
      ...(options.failed ? { reason: "jammed" } : {}),
    },
  };
}

export function restockEvent(slots: { slot: string; quantity: number }[], at = new Date(Date.now() - 60_000)) {
  return { id: eventIds(), type: "inventory.restocked", occurredAt: at.toISOString(), data: { slots } };
}

export function heartbeatEvent(temperatureC: number) {
  return { id: eventIds(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC, doorOpen: false, firmware: "2.4.1", signalDbm: -67 } };
}
