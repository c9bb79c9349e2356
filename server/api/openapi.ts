import "server-only";
import { type z } from "zod";
import { apiResources } from "../tenancy";
import { isRequired, SchemaCollector, splitParameterSchema, type JsonSchema } from "./json-schema";
import { machineProtocolPaths } from "./openapi-machine";
import type { AnyApiOperation } from "./operation";
import { apiOperations } from "./operations";
import { API_KEY_RATE_LIMIT } from "./request";
import { integratorEventDocs } from "./openapi-events";

export const API_VERSION = "1.0.0";

const problemSchema: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem details.",
  properties: {
    type: { type: "string", format: "uri", description: "Identifies the problem; its last segment is a stable code", example: "https://vendops.app/problems/missing_scope" },
    title: { type: "string", example: "Forbidden" },
    status: { type: "integer", example: 403 },
    detail: { type: "string", description: "What went wrong and what to do", example: "This API key lacks the machines:write scope." },
    errors: { type: "object", description: "Per invalid field (400): its messages", additionalProperties: { type: "array", items: { type: "string" } } },
    current_etag: { type: "string", description: "With 412: the resource's ETag now" },
  },
  required: ["type", "title", "status", "detail"],
};

const rateHeaders = {
  "RateLimit-Limit": { description: `Requests allowed per window (${API_KEY_RATE_LIMIT.requests} a ${API_KEY_RATE_LIMIT.windowSeconds}-second window)`, schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the window", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window ends", schema: { type: "integer" } },
};

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

const errorResponses = {
  BadRequest: problem("Invalid input: `errors` lists each invalid field with its messages."),
  Unauthorized: problem("No API key, or a key that is unknown, revoked or expired."),
  Forbidden: problem("The key lacks the operation's scope."),
  NotFound: problem("No such thing in the key's organization (another organization's ids included)."),
  Conflict: problem("The change conflicts with the resource's state (e.g. already done)."),
  PreconditionFailed: problem("`If-Match` names an ETag the resource no longer has; nothing was changed. Read it again."),
  UnprocessableContent: problem("The `Idempotency-Key` was used in the last 24 hours with another request."),
  TooManyRequests: { ...problem("Over the key's rate limit; retry after `Retry-After` seconds."), headers: { "Retry-After": { schema: { type: "integer" } }, ...rateHeaders } },
  ServerError: problem("The server failed; retry later (writes with an `Idempotency-Key` are safe to retry)."),
};

const headerParameters = {
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "Makes a retried write safe: the same key with the same request within 24 hours has one effect and gets the first answer again (with `Idempotent-Replayed: true`). 1-255 visible ASCII characters, e.g. a UUID.",
    schema: { type: "string", minLength: 1, maxLength: 255 },
  },
  IfMatch: {
    name: "If-Match",
    in: "header",
    required: false,
    description: "The `ETag` of the resource as you read it: the write is refused with 412 if it changed since.",
    schema: { type: "string" },
  },
  IfNoneMatch: {
    name: "If-None-Match",
    in: "header",
    required: false,
    description: "An `ETag` you hold: answered with 304 and no body while the answer is unchanged.",
    schema: { type: "string" },
  },
};

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema) return {};
  return (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
}

function parametersOf(op: AnyApiOperation, schemas: SchemaCollector) {
  const out: unknown[] = [];
  for (const [where, schema] of [["path", op.params], ["query", op.query]] as const) {
    for (const [name, field] of Object.entries(objectShape(schema))) {
      const { schema: s, description, example } = splitParameterSchema(schemas.convert(field, "input"));
      out.push({ name, in: where, required: where === "path" || isRequired(field), ...(description ? { description } : {}), schema: s, ...(example !== undefined ? { example } : {}) });
    }
  }
  const isWrite = op.method !== "GET";
  if (isWrite) out.push({ $ref: "#/components/parameters/IdempotencyKey" });
  if (isWrite && op.current) out.push({ $ref: "#/components/parameters/IfMatch" });
  if (!isWrite) out.push({ $ref: "#/components/parameters/IfNoneMatch" });
  return out;
}

function operationObject(op: AnyApiOperation, schemas: SchemaCollector, responseSchema: JsonSchema | null) {
  const status = String(op.response === null ? 204 : (op.status ?? 200));
  const ok: Record<string, unknown> = { description: op.response === null ? "Done; no content." : "OK" };
  if (responseSchema) {
    ok.headers = { ETag: { description: "The answer's entity tag, for If-None-Match and If-Match", schema: { type: "string" } }, ...rateHeaders };
    ok.content = {
      "application/json": { schema: responseSchema, ...(op.examples?.response !== undefined ? { example: op.examples.response } : {}) },
      ...Object.fromEntries((op.textForms ?? []).map((f) => [f.contentType, { schema: { type: "string", description: f.description }, ...(f.example ? { example: f.example } : {}) }])),
    };
  }
  const responses: Record<string, unknown> = { [status]: ok };
  if (op.method === "GET") responses["304"] = { description: "Not modified (If-None-Match matched)." };
  const refs: [string, keyof typeof errorResponses][] = [
    ["400", "BadRequest"],
    ["401", "Unauthorized"],
    ["403", "Forbidden"],
    ...(op.params ? ([["404", "NotFound"]] as [string, keyof typeof errorResponses][]) : []),
    ...(op.method !== "GET" ? ([["409", "Conflict"]] as [string, keyof typeof errorResponses][]) : []),
    ...(op.method !== "GET" && op.current ? ([["412", "PreconditionFailed"]] as [string, keyof typeof errorResponses][]) : []),
    ...(op.method !== "GET" ? ([["422", "UnprocessableContent"]] as [string, keyof typeof errorResponses][]) : []),
    ["429", "TooManyRequests"],
    ["500", "ServerError"],
  ];
  for (const [code, name] of refs) responses[code] = { $ref: `#/components/responses/${name}` };
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, `Scope: \`${op.scope}\`.`].filter(Boolean).join("\n\n"),
    "x-required-scope": op.scope,
    security: [{ apiKey: [] }],
    parameters: parametersOf(op, schemas),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemas.convert(op.body, "input"), ...(op.examples?.request !== undefined ? { example: op.examples.request } : {}) } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of API v1, generated from the operations' schemas: every operation of
 * the REST API, the machine protocol (events and audits), and the webhook events integrators can
 * receive.
 */
export function openApiDocument(options: { serverUrl: string }): Record<string, unknown> {
  const schemas = new SchemaCollector();
  schemas.components.Problem = problemSchema;
  // Answers first, so a named schema's answer form keeps its name and a request form differing from it is `<Name>Input`.
  const responseSchemas = new Map(apiOperations.map((op) => [op.id, op.response ? schemas.convert(op.response, "output") : null]));
  const events = integratorEventDocs(schemas);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of apiOperations) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op, schemas, responseSchemas.get(op.id) ?? null);
  }
  const machine = machineProtocolPaths(schemas);
  for (const [path, item] of Object.entries(machine.paths)) paths[path] = { ...paths[path], ...item };
  const tags = [...new Set(apiOperations.map((op) => op.tag))];
  return {
    openapi: "3.1.0",
    info: {
      title: "VendOps API",
      version: API_VERSION,
      description: [
        "The public REST API of VendOps for integrators (accounting, BI, an operator's own tools), the machine protocol machines speak, and the webhook events VendOps sends.",
        "**Keys.** An organization's admins create API keys under Settings → API keys, with a read or write scope per resource (" +
          apiResources.map((r) => `\`${r}\``).join(", ") +
          "). Send the key as `Authorization: Bearer vo_live_…`. A key acts for its organization only.",
        "**Answers** are JSON with snake_case fields, times in ISO 8601 UTC and money as integers of minor units with their currency. Lists are pages: `?limit=` (1-200) and `?cursor=` (the previous page's `next_cursor`), answered as `{ \"data\": [...], \"next_cursor\": ... }`.",
        "**Errors** are RFC 9457 problem details (`application/problem+json`).",
        `**Rate limit**: ${API_KEY_RATE_LIMIT.requests} requests a minute per key, with \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` on every answer and \`Retry-After\` on a 429.`,
        "**Safe writes**: send `Idempotency-Key` to retry a write without doing it twice, and `If-Match` with the `ETag` you read to refuse a change if someone else changed the thing since.",
      ].join("\n\n"),
    },
    servers: [{ url: options.serverUrl, description: "This VendOps" }],
    security: [{ apiKey: [] }],
    tags: [
      ...tags.map((name) => ({ name })),
      { name: "Machine protocol", description: machine.description },
    ],
    paths,
    webhooks: events,
    components: {
      schemas: schemas.components,
      responses: errorResponses,
      parameters: headerParameters,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "vo_live_<prefix>_<secret>", description: "An organization's API key." },
        machineSignature: {
          type: "apiKey",
          in: "header",
          name: "webhook-signature",
          description:
            "Machines sign each request with their own `whsec_` secret, Standard Webhooks style: headers `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\">`.",
        },
      },
    },
  };
}
