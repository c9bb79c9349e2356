import "server-only";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { machineContext } from "~/server/context";
import { machineCredentials } from "~/server/fleet";
import { readBodyWithin } from "~/server/http/limited-body";
import { MAX_BODY_BYTES, ingestBatch, parseEnvelope, type BatchOutcome } from "~/server/ingest";
import { consumeMachineRequest } from "./rate-limit";
import { verifySignature } from "./signature";

// Machine protocol v1 over HTTP: every request-level refusal has its status and a stable code.

export type RequestErrorCode =
  | "unsupported_media_type"
  | "payload_too_large"
  | "unknown_machine"
  | "missing_signature"
  | "invalid_signature"
  | "stale_timestamp"
  | "machine_disabled"
  | "rate_limited"
  | "invalid_json"
  | "invalid_envelope";

export function errorResponse(status: number, code: RequestErrorCode | "server_error", message: string, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * `POST /api/v1/machines/{machineId}/events`: checks, in order, the content type, the size, the
 * machine, the signature (on the raw body), whether it is disabled, its rate limit, and the
 * envelope; then ingests the batch in one tenant transaction and answers one result per event.
 */
export async function handleEventsRequest(
  db: Db,
  machineId: string,
  request: Request,
  options: { now?: () => number; afterCommit?: (outcome: BatchOutcome) => void } = {},
): Promise<Response> {
  const now = options.now ?? Date.now;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return errorResponse(415, "unsupported_media_type", "Send the events as JSON with content-type: application/json.");
  }
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body === null) {
    return errorResponse(413, "payload_too_large", `The body is over ${MAX_BODY_BYTES} bytes (1 MiB); send fewer events per request.`);
  }
  const machine = /^[A-Za-z0-9_]{1,64}$/.test(machineId) ? await machineCredentials(db, { machineId }) : null;
  if (!machine) return errorResponse(401, "unknown_machine", `No machine has the id ${machineId.slice(0, 64)}; check the machine's credentials.`);

  const failure = verifySignature(
    {
      id: request.headers.get("webhook-id"),
      timestamp: request.headers.get("webhook-timestamp"),
      signature: request.headers.get("webhook-signature"),
      body,
    },
    machine.secrets,
    Math.floor(now() / 1000),
  );
  if (failure === "missing_signature") {
    return errorResponse(401, failure, "Sign the request: webhook-id, webhook-timestamp and webhook-signature headers are required.");
  }
  if (failure === "stale_timestamp") {
    return errorResponse(401, failure, "webhook-timestamp is more than 5 minutes from the server's clock; check the machine's clock.");
  }
  if (failure) return errorResponse(401, failure, "No signature matches; check the machine's secret and sign the exact body sent.");
  if (machine.disabled) return errorResponse(403, "machine_disabled", "This machine is disabled; its operator can enable it again.");

  const retryAfter = await consumeMachineRequest(db, { machineId: machine.machineId });
  if (retryAfter !== null) {
    return errorResponse(429, "rate_limited", `Too many requests; retry in ${retryAfter} s.`, { "retry-after": String(retryAfter) });
  }

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return errorResponse(400, "invalid_json", "The body is not valid JSON.");
  }
  const envelope = parseEnvelope(json);
  if ("error" in envelope) return errorResponse(400, "invalid_envelope", envelope.error);

  const outcome = await withTenant(db, { orgId: machine.orgId }, (tx) =>
    ingestBatch(machineContext(tx, { orgId: machine.orgId, machineId: machine.machineId }), { machineId: machine.machineId, events: envelope.events }),
  );
  options.afterCommit?.(outcome);
  return Response.json({ results: outcome.results, commands: outcome.commands }, { headers: { "cache-control": "no-store" } });
}
