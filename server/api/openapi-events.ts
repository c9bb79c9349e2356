import "server-only";
import { type z } from "zod";
import { integratorEvents } from "../notifications";
import type { SchemaCollector } from "./json-schema";

const envelope = (type: string, data: Record<string, unknown>) => ({
  type: "object",
  properties: {
    type: { const: type },
    timestamp: { type: "string", format: "date-time", description: "When VendOps queued the event (ISO 8601, UTC)" },
    data,
  },
  required: ["type", "timestamp", "data"],
});

/**
 * The OpenAPI `webhooks` of the events integrators can subscribe to (Settings → Webhooks): each is a
 * POST VendOps makes to the endpoint, signed the Standard Webhooks way with the endpoint's secret.
 */
export function integratorEventDocs(schemas: SchemaCollector): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [type, event] of Object.entries(integratorEvents)) {
    const data = schemas.convert(event.data as z.ZodType, "output");
    out[type] = {
      post: {
        operationId: `webhook_${type.replace(/\W/g, "_")}`,
        tags: ["Webhook events"],
        summary: event.summary,
        description: `${event.description}\n\nSent as a POST with \`content-type: application/json\` and the headers \`webhook-id\`, \`webhook-timestamp\` and \`webhook-signature\` (Standard Webhooks; verify with the endpoint's \`whsec_\` secret, e.g. with the \`standardwebhooks\` library). A delivery that does not get a 2xx within 10 seconds is retried with exponential backoff.`,
        requestBody: {
          required: true,
          content: { "application/json": { schema: envelope(type, data), example: { type, timestamp: "2026-12-01T09:30:00.000Z", data: event.example } } },
        },
        responses: { "200": { description: "Any 2xx answer acknowledges the delivery." } },
      },
    };
  }
  return out;
}
