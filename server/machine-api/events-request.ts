import "server-only";
import type { Db } from "~/db/client";
import { scriptTransaction } from "~/db/script";
import { postgresErrorIn } from "~/server/input/data-exception";
import { machineContext } from "~/server/context";
import { cachedMachineCredentials, type MachineCredentials } from "~/server/fleet";
import { readBodyWithin } from "~/server/http/limited-body";
import { MAX_BODY_BYTES, ingestBatch, parseEnvelope, type BatchOutcome } from "~/server/ingest";
import { verifySignature, type SignedRequest } from "./signature";

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
  | "invalid_envelope"
  | "invalid_dex";

export function errorResponse(status: number, code: RequestErrorCode | "server_error", message: string, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * Requests a machine may make per window. A machine heartbeats every minute and polls every few
 * seconds while a consumer is at its checkout; this leaves room for flushing a long backlog.
 */
export const MACHINE_RATE_LIMIT = { requests: 120, windowSeconds: 60 } as const;

/**
 * `POST /api/v1/machines/{machineId}/events`: checks, in order, the content type, the size, the
 * machine, the signature (on the raw body), whether it is disabled, the envelope, and, on the
 * machine's row locked in the ingest transaction, whether it is still enabled with the same
 * credentials and within its rate limit; then ingests the batch and answers one result per event.
 * Credentials come from the process's cache, checked against the row.
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
  if (!/^[A-Za-z0-9_]{1,64}$/.test(machineId)) return unknownMachine(machineId);
  const signed = { id: request.headers.get("webhook-id"), timestamp: request.headers.get("webhook-timestamp"), signature: request.headers.get("webhook-signature"), body };

  // A cached machine that looks disabled or fails to verify is read again once (it may have been
  // enabled or given a new secret since), as is one whose credentials changed under the lock.
  let refresh = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const authenticated = await authenticateMachine(db, { machineId, signed, nowMs: now(), refresh });
    if ("response" in authenticated) return authenticated.response;
    const { machine } = authenticated;

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return errorResponse(400, "invalid_json", "The body is not valid JSON.");
    }
    const envelope = parseEnvelope(json);
    if ("error" in envelope) return errorResponse(400, "invalid_envelope", envelope.error);

    const { orgId, version } = machine;
    // The batch's two scripts begin and commit the transaction themselves; the context's database
    // builds statements, the script transaction runs them.
    const outcome = await abortedTransactionsRetried(() =>
      scriptTransaction(db, (script) =>
        ingestBatch(machineContext(db, { orgId, machineId }), {
          machineId,
          events: envelope.events,
          request: { script, credentialsVersion: version, rateLimit: MACHINE_RATE_LIMIT },
        }),
      ),
    );
    const refusal = outcome.refused;
    // Rotated or revoked since this server cached them: verify again with what the row holds now.
    if (refusal?.code === "credentials_changed") {
      refresh = true;
      continue;
    }
    if (refusal?.code === "machine_disabled") {
      await cachedMachineCredentials(db, { machineId, refresh: true });
      return disabled();
    }
    if (refusal?.code === "rate_limited") {
      return errorResponse(429, "rate_limited", `Too many requests; retry in ${refusal.retryAfter} s.`, { "retry-after": String(refusal.retryAfter) });
    }
    options.afterCommit?.(outcome);
    return Response.json({ results: outcome.results, commands: outcome.commands }, { headers: { "cache-control": "no-store" } });
  }
  throw new Error(`machine ${machineId}: its credentials changed during every attempt`);
}

/**
 * Runs a batch's transaction again when Postgres aborted it to break a deadlock (40P01) or a
 * serialization failure (40001) with another transaction: it rolled back whole, so nothing of it
 * is stored, and the next attempt usually goes through once the other transaction is done. Up to
 * three attempts, a few random milliseconds apart; then the error stands and the machine retries.
 */
export async function abortedTransactionsRetried<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = postgresErrorIn(error, /^(40001|40P01)$/)?.code;
      if (!code || attempt >= attempts) throw error;
      console.warn(`[ingest] transaction aborted by Postgres (${code}); attempt ${attempt + 1} of ${attempts}`);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * The machine a request comes from, with its signature checked against the cached credentials: a
 * cached machine that looks disabled or fails to verify is read again once (it may have been
 * enabled or given a new secret since). Otherwise the answer to send: 401 for an unknown machine or
 * a missing, stale or wrong signature, 403 for a disabled machine.
 */
export async function authenticateMachine(
  db: Db,
  input: { machineId: string; signed: SignedRequest; nowMs: number; refresh: boolean },
): Promise<{ machine: MachineCredentials } | { response: Response }> {
  let refresh = input.refresh;
  for (;;) {
    const machine = await cachedMachineCredentials(db, { machineId: input.machineId, refresh });
    if (!machine) return { response: unknownMachine(input.machineId) };
    const failure = verify(input.signed, machine, input.nowMs);
    if (!refresh && (failure === "invalid_signature" || machine.disabled)) {
      refresh = true;
      continue;
    }
    if (failure === "missing_signature") {
      return { response: errorResponse(401, failure, "Sign the request: webhook-id, webhook-timestamp and webhook-signature headers are required.") };
    }
    if (failure === "stale_timestamp") {
      return { response: errorResponse(401, failure, "webhook-timestamp is more than 5 minutes from the server's clock; check the machine's clock.") };
    }
    if (failure) return { response: errorResponse(401, failure, "No signature matches; check the machine's secret and sign the exact bytes sent.") };
    if (machine.disabled) return { response: disabled() };
    return { machine };
  }
}

function verify(signed: SignedRequest, machine: MachineCredentials, nowMs: number) {
  const secrets = machine.secrets.filter((s) => s.expiresAt === null || s.expiresAt > nowMs).map((s) => s.secret);
  return verifySignature(signed, secrets, Math.floor(nowMs / 1000));
}

export const unknownMachine = (machineId: string) =>
  errorResponse(401, "unknown_machine", `No machine has the id ${machineId.slice(0, 64)}; check the machine's credentials.`);
export const disabled = () => errorResponse(403, "machine_disabled", "This machine is disabled; its operator can enable it again.");
