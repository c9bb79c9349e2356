import "server-only";
import { createHash } from "node:crypto";
import { getDb } from "~/db/open";
import type { ServiceCtx } from "../context";
import type { AnyApiOperation } from "./operation";
import { ApiProblem, handleApiRequest, idempotencyKeyOf, requestHash, type ApiAnswer } from "./request";

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 1_000_000;

/** A strong ETag of a JSON representation. */
export function etagOf(representation: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(representation)).digest("base64url").slice(0, 27)}"`;
}

/** Does an If-Match / If-None-Match header name this ETag (or `*`)? */
export function etagMatches(header: string, etag: string): boolean {
  return header.split(",").some((part) => {
    const tag = part.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const bad = (detail: string, code = "invalid_request", status = 400) => new ApiProblem({ status, code, detail });

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in out)) out[k] = v;
  return out;
}

function parseBody(op: AnyApiOperation, request: Request, text: string): unknown {
  if (!op.body) return undefined;
  if (text.length > MAX_BODY_BYTES) throw bad(`The request body is over ${MAX_BODY_BYTES} bytes.`, "body_too_large", 413);
  const type = request.headers.get("content-type") ?? "";
  if (text.trim() === "") return op.body.parse({});
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw bad("Send the body as JSON with Content-Type: application/json.", "unsupported_media_type", 415);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad("The request body is not valid JSON.", "invalid_json");
  }
  return op.body.parse(json);
}

/**
 * The Next.js route handler of an operation: path parameters, query and JSON body parsed by the
 * operation's schemas (a 400 problem listing each invalid field), `If-Match` checked against the
 * resource as it is, `ETag` on answers and `If-None-Match` answered with 304, `Idempotency-Key`
 * honoured on writes, and a text form (e.g. CSV) where the operation has one.
 */
export function apiRoute(op: AnyApiOperation) {
  return async function handler(request: Request, context?: { params: Promise<Record<string, string | string[]>> }): Promise<Response> {
    const rawParams = context ? await context.params : {};
    const url = new URL(request.url);
    const isWrite = request.method !== "GET" && request.method !== "HEAD";
    const text = op.body ? await request.text() : "";
    const idempotencyKey = isWrite ? idempotencyKeyOf(request) : undefined;
    const ifMatch = request.headers.get("if-match");
    const ifNoneMatch = request.headers.get("if-none-match");
    const answer = async (ctx: ServiceCtx): Promise<ApiAnswer> => {
      if (idempotencyKey === null) throw bad("The Idempotency-Key header must be 1-255 visible ASCII characters.", "invalid_idempotency_key");
      const params = op.params ? op.params.parse(Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [snake(k), String(v)]))) : {};
      const query = op.query ? op.query.parse(queryObject(url)) : {};
      const body = parseBody(op, request, text);
      if (isWrite && ifMatch !== null) {
        if (!op.current) throw bad("This operation does not take If-Match.", "if_match_unsupported");
        const etag = etagOf(await op.current(ctx, { params, query, body: undefined }));
        if (!etagMatches(ifMatch, etag)) {
          throw new ApiProblem({ status: 412, code: "precondition_failed", detail: "The resource changed since you read it: read it again and reapply your change.", extra: { current_etag: etag } });
        }
      }
      const result = await op.handle(ctx, { params, query, body });
      const status = op.status ?? 200;
      if (status === 204 || op.response === null) return { status: 204, body: null };
      const form = op.text ? await op.text(ctx, result, query) : null;
      if (form) return { status, body: form.body, contentType: form.contentType };
      const etag = etagOf(result);
      if (!isWrite && ifNoneMatch !== null && etagMatches(ifNoneMatch, etag)) return { status: 304, body: null, headers: { etag } };
      return { status, body: result, headers: { etag } };
    };
    return handleApiRequest(await getDb(), request, {
      scope: op.scope,
      answer,
      lockKey: isWrite ? url.pathname : undefined,
      idempotency: idempotencyKey ? { key: idempotencyKey, requestHash: requestHash(request.method, url.pathname + url.search, text) } : undefined,
    });
  };
}
