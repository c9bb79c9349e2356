import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { getSecrets } from "../config/secrets";
import { decryptSecret } from "~/server/fleet";
import { renderMessage } from "~/server/errors";
import { checkedLookup, NonPublicAddressError, nonPublicMessage, nonPublicTarget, type TargetOptions } from "./endpoint-addresses";
import { webhookTexts } from "./webhook-texts";

const TIMEOUT_MS = 10_000;
/** What a delivery that found no receiver says, whatever the network's reason. */
export const COULD_NOT_CONNECT = webhookTexts.could_not_connect.en;

export type Attempt = { ok: boolean; status: number | null; latencyMs: number; error: string | null };

/** POSTs `body` once and answers the status; the socket connects through `lookup`. */
function post(url: URL, headers: Record<string, string>, body: string, lookup: LookupFunction, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, agent: false, signal },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Signs `payload` with the endpoint's secret (Standard Webhooks) and POSTs it once, unless the
 * URL's host now reaches a non-public address (checked again at every delivery: DNS can change),
 * connecting only to the addresses that were checked.
 */
export async function postWebhook(url: string, secret: string, messageId: string, payload: Record<string, unknown>, options: TargetOptions = {}): Promise<Attempt> {
  const address = await nonPublicTarget(url, options);
  if (address) return { ok: false, status: null, latencyMs: 0, error: nonPublicMessage(address) };
  const body = JSON.stringify(payload);
  const timestamp = new Date();
  const headers = {
    "content-type": "application/json",
    "user-agent": "VendOps-Webhooks/1",
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, timestamp, body),
  };
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const started = performance.now();
  try {
    const status = await post(new URL(url), headers, body, checkedLookup(options), signal);
    const latencyMs = Math.round(performance.now() - started);
    const ok = status >= 200 && status < 300;
    return { ok, status, latencyMs, error: ok ? null : renderMessage(webhookTexts.endpoint_answered, { status }) };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    if (error instanceof NonPublicAddressError) return { ok: false, status: null, latencyMs, error: error.message };
    if (signal.aborted) return { ok: false, status: null, latencyMs, error: renderMessage(webhookTexts.no_answer, { seconds: TIMEOUT_MS / 1000 }) };
    // The socket's own error ("connect ECONNREFUSED 10.1.2.3:8080") would let whoever reads the
    // delivery log probe which hosts and ports answer: they get the outcome, the log gets the detail.
    console.warn(`[webhooks] ${messageId} to ${url}: could not connect:`, error instanceof Error ? error.message : error);
    return { ok: false, status: null, latencyMs, error: COULD_NOT_CONNECT };
  }
}

export function openEndpointSecret(ciphertext: string): string {
  return decryptSecret(getSecrets().machineSecretsKey, ciphertext);
}
