import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { apiOperations } from "./operations";
import { openApiDocument } from "./openapi";
import { integratorEvents } from "../notifications";

const doc = openApiDocument({ serverUrl: "https://vendops.example/api/v1" });

describe("the OpenAPI document", () => {
  it("validates against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("documents every operation once, with its scope, and every reference resolves", () => {
    const paths = doc.paths as Record<string, Record<string, { operationId: string; "x-required-scope"?: string }>>;
    const ids = Object.values(paths).flatMap((item) => Object.values(item).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    for (const op of apiOperations) {
      const documented = paths[op.path]?.[op.method.toLowerCase()];
      expect(documented?.operationId, `${op.method} ${op.path}`).toBe(op.id);
      expect(documented?.["x-required-scope"]).toBe(op.scope);
    }
    expect(paths["/machines/{machine_id}/events"]?.post?.operationId).toBe("sendMachineEvents");
    expect(paths["/machines/{machine_id}/audits"]?.post?.operationId).toBe("uploadMachineAudit");
    const text = JSON.stringify(doc);
    const components = doc.components as Record<string, Record<string, unknown>>;
    for (const [, section, name] of text.matchAll(/"#\/components\/(\w+)\/([^"]+)"/g)) {
      expect(components[section!]?.[name!], `#/components/${section}/${name}`).toBeDefined();
    }
    expect(text).not.toContain("#/$defs/");
  });

  it("documents every webhook event integrators can subscribe to, with its payload", () => {
    const webhooks = doc.webhooks as Record<string, { post: { requestBody: { content: { "application/json": { schema: { properties: { data: unknown } } } } } } }>;
    expect(Object.keys(webhooks).sort()).toEqual(Object.keys(integratorEvents).sort());
    for (const hook of Object.values(webhooks)) expect(hook.post.requestBody.content["application/json"].schema.properties.data).toBeTruthy();
  });
});
