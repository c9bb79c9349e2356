import "server-only";
import type { z } from "zod";
import { eventData, MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, REJECTION_CODES } from "../ingest";
import type { JsonSchema, SchemaCollector } from "./json-schema";

const machineError = (description: string) => ({
  description,
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] } },
        required: ["error"],
      },
    },
  },
});

const signatureHeaders = [
  { name: "webhook-id", in: "header", required: true, description: "Unique per request; a retry of the same body reuses it.", schema: { type: "string" } },
  { name: "webhook-timestamp", in: "header", required: true, description: "Unix seconds, within 5 minutes of the server's clock.", schema: { type: "string" } },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    description: '`v1,` + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{raw body}")), key being the base64-decoded secret after `whsec_`. Several space-separated signatures may be sent.',
    schema: { type: "string" },
  },
];

const machineIdParam = { name: "machine_id", in: "path", required: true, description: "The machine's id, from its credentials.", schema: { type: "string" } };

const requestErrors = {
  "400": machineError("Unreadable JSON or envelope, or an invalid machine id in the address."),
  "401": machineError("Unknown machine, or a missing, invalid or stale signature."),
  "403": machineError("The machine is disabled."),
  "413": machineError(`Body over ${MAX_BODY_BYTES} bytes.`),
  "415": machineError("Wrong content type."),
  "429": machineError("Over the machine's rate limit; retry after `retry-after` seconds."),
};

/** The machine protocol v1 (events) and the DEX audit upload, as OpenAPI paths. */
export function machineProtocolPaths(schemas: SchemaCollector): { description: string; paths: Record<string, Record<string, unknown>> } {
  const eventSchemas: JsonSchema[] = Object.entries(eventData).map(([type, data]) => ({
    type: "object",
    title: type,
    properties: {
      id: { type: "string", pattern: "^[A-Za-z0-9_.:-]{1,64}$", description: "Unique per machine forever; a repeat is answered `duplicate`." },
      type: { const: type },
      occurredAt: { type: "string", format: "date-time", description: "RFC 3339 with Z or an offset, from 2000-01-01 to 24 hours ahead of the server." },
      data: schemas.convert(data as z.ZodType, "input"),
    },
    required: ["id", "type", "occurredAt", "data"],
  }));
  return {
    description:
      "What machines (or their telemetry boards) send: events and DEX audits, signed with the machine's own `whsec_` secret (Standard Webhooks), not an API key. The full contract, with the rules for every field, is docs/machine-protocol-v1.md and docs/machine-audits-v1.md.",
    paths: {
      "/machines/{machine_id}/events": {
        post: {
          operationId: "sendMachineEvents",
          tags: ["Machine protocol"],
          summary: "Send machine events",
          description: `1 to ${MAX_EVENTS_PER_REQUEST} events a request, processed idempotently per (machine, event id): at-least-once delivery gives exactly-once effects. The answer has one result per event, in order, and the machine's pending commands (online orders to vend).`,
          security: [{ machineSignature: [] }],
          parameters: [machineIdParam, ...signatureHeaders],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: { type: "object", properties: { events: { type: "array", minItems: 1, maxItems: MAX_EVENTS_PER_REQUEST, items: { oneOf: eventSchemas } } }, required: ["events"] },
                example: {
                  events: [
                    { id: "evt-000123", type: "vend.succeeded", occurredAt: "2026-11-24T09:15:02Z", data: { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "card", reference: "pi_3Q" } } },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "One result per event and the pending commands.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      results: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: {
                            id: { type: ["string", "null"] },
                            status: { enum: ["accepted", "duplicate", "rejected"] },
                            error: { type: "object", properties: { code: { enum: [...REJECTION_CODES] }, message: { type: "string" } }, required: ["code", "message"] },
                          },
                          required: ["id", "status"],
                        },
                      },
                      commands: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: { id: { type: "string" }, type: { const: "vend" }, orderId: { type: "string" }, slot: { type: "string" }, expiresAt: { type: "string", format: "date-time" } },
                        },
                      },
                    },
                    required: ["results", "commands"],
                  },
                },
              },
            },
            ...requestErrors,
          },
        },
      },
      "/machines/{machine_id}/audits": {
        post: {
          operationId: "uploadMachineAudit",
          tags: ["Machine protocol"],
          summary: "Upload a DEX audit",
          description: `The DEX/UCS or EVA-DTS file exactly as read from the controller, byte for byte, at most ${MAX_BODY_BYTES} bytes. Sign the raw bytes (docs/machine-audits-v1.md). The answer is the audit as VendOps read it: counters, selections and quality findings.`,
          security: [{ machineSignature: [] }],
          parameters: [machineIdParam, ...signatureHeaders],
          requestBody: {
            required: true,
            content: {
              "text/plain": { schema: { type: "string" }, example: "DXS*XYZ0000001*VA*V0/6*1\r\nST*001*0001\r\nID1*XYZ123456789*MODEL 1**0\r\n..." },
              "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
            },
          },
          responses: {
            "200": {
              description: "The audit as read.",
              content: { "application/json": { schema: { type: "object", properties: { audit: { type: "object", additionalProperties: true } }, required: ["audit"] } } },
            },
            ...requestErrors,
          },
        },
      },
    },
  };
}
