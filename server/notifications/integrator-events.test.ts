import { describe, expect, it } from "vitest";
import { z } from "zod";
import { webhookEventTypes } from "./contract";
import { integratorEvents } from "./integrator-events";

describe("the integrator events' reference", () => {
  it("documents every event type an endpoint can subscribe to, and nothing else", () => {
    expect(Object.keys(integratorEvents).sort()).toEqual([...webhookEventTypes].sort());
  });

  it.each(Object.entries(integratorEvents))("%s: its example parses with its schema, and the schema converts to JSON Schema", (_type, event) => {
    expect(event.summary.length).toBeGreaterThan(0);
    expect(event.description.length).toBeGreaterThan(0);
    const parsed = (event.data as z.ZodType).safeParse(event.example);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const schema = z.toJSONSchema(event.data as z.ZodType) as { type: string; properties: Record<string, { description?: string }> };
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
  });

  it("describes the fields of business events in snake_case, times as date-times and money with its currency", () => {
    const sale = z.toJSONSchema(integratorEvents["sale.recorded"].data) as unknown as { properties: { sales: { items: { properties: Record<string, { format?: string; description?: string }> } } } };
    const fields = sale.properties.sales.items.properties;
    expect(Object.keys(fields).every((k) => /^[a-z_]+$/.test(k))).toBe(true);
    expect(fields.occurred_at!.format).toBe("date-time");
    expect(fields.amount_minor!.description).toMatch(/minor units/);
    expect(fields.currency!.description).toMatch(/ISO 4217/);
  });

  it("refuses data that does not match: a refund.failed example with a wrong status", () => {
    const bad = { ...integratorEvents["refund.failed"].example, status: "succeeded" };
    expect(integratorEvents["refund.failed"].data.safeParse(bad).success).toBe(false);
  });
});
