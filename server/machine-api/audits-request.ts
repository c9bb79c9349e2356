import "server-only";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { MAX_AUDIT_BYTES, type AuditAnswer } from "~/server/audits";
import { machineContext } from "~/server/context";
import { cachedMachineCredentials, countMachineRequest } from "~/server/fleet";
import { readBytesWithin } from "~/server/http/limited-body";
import { ingestAudit } from "~/server/ingest";
import { authenticateMachine, disabled, errorResponse, MACHINE_RATE_LIMIT, unknownMachine } from "./events-request";
import type { SignedRequest } from "./signature";

/** Text as read from the machine, with or without a charset, or bytes. */
const AUDIT_TYPES = /^(text\/plain|application\/octet-stream)\s*(;|$)/i;

/**
 * `POST /api/v1/machines/{machineId}/audits` (docs/machine-audits-v1.md): checks, in order, the
 * content type, the size, the machine and the signature over the raw bytes, whether it is
 * disabled, and, on the machine's locked row, its rate limit (shared with its events); only then
 * reads the file. Answers the stored audit: `accepted`, or `duplicate` with the same id.
 */
export async function handleAuditsRequest(
  db: Db,
  machineId: string,
  request: Request,
  options: { now?: () => number; afterCommit?: () => void } = {},
): Promise<Response> {
  const now = options.now ?? Date.now;
  const type = request.headers.get("content-type") ?? "";
  if (!AUDIT_TYPES.test(type.trim())) {
    return errorResponse(415, "unsupported_media_type", "Send the audit file as read from the machine, with content-type: text/plain (or application/octet-stream).");
  }
  const body = await readBytesWithin(request, MAX_AUDIT_BYTES);
  if (body === null) {
    return errorResponse(413, "payload_too_large", `The body is over ${MAX_AUDIT_BYTES} bytes (1 MiB); an audit file is a few kilobytes: send the DEX file only.`);
  }
  if (!/^[A-Za-z0-9_]{1,64}$/.test(machineId)) return unknownMachine(machineId);
  const signed: SignedRequest = {
    id: request.headers.get("webhook-id"),
    timestamp: request.headers.get("webhook-timestamp"),
    signature: request.headers.get("webhook-signature"),
    body,
  };

  let refresh = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    const authenticated = await authenticateMachine(db, { machineId, signed, nowMs: now(), refresh });
    if ("response" in authenticated) return authenticated.response;
    const { machine } = authenticated;

    const outcome = await withTenant(db, { orgId: machine.orgId }, async (tx) => {
      const ctx = machineContext(tx, { orgId: machine.orgId, machineId });
      const counted = await countMachineRequest(ctx, { machineId, credentialsVersion: machine.version, limit: MACHINE_RATE_LIMIT });
      if (!counted.ok) return counted;
      return { ok: true as const, result: await ingestAudit(ctx, { machineId, body, source: "machine", receivedAt: new Date(now()) }) };
    });
    if (!outcome.ok) {
      if (outcome.code === "credentials_changed") {
        refresh = true;
        continue;
      }
      if (outcome.code === "machine_disabled") {
        await cachedMachineCredentials(db, { machineId, refresh: true });
        return disabled();
      }
      if (outcome.code === "rate_limited") {
        return errorResponse(429, "rate_limited", `Too many requests; retry in ${outcome.retryAfter} s.`, { "retry-after": String(outcome.retryAfter) });
      }
      return disabled();
    }
    const { result } = outcome;
    if (!result.ok) return errorResponse(400, "invalid_dex", result.message);
    options.afterCommit?.();
    return Response.json({ audit: result.audit } satisfies { audit: AuditAnswer }, { headers: { "cache-control": "no-store" } });
  }
  throw new Error(`machine ${machineId}: its credentials changed during every attempt`);
}
