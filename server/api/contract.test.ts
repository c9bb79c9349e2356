import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "~/db/client";
import { apiKeys, machines, users } from "~/db/schema";
import { seedDemo, DEMO_OWNER_EMAIL } from "~/server/demo/seed";
import { recordVisit } from "~/server/ingest";
import { apiScopes, createApiKey, hashApiKey, type ApiScope } from "~/server/tenancy";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createOrg } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { createPaymentsFixture } from "~/test/payments";
import type { AnyApiOperation } from "./operation";
import { apiOperations } from "./operations";
import { openApiDocument } from "./openapi";

// Calls every documented operation through its route file with a key, and checks each answer
// against the schema the OpenAPI document gives for it; then the same with another org's key
// (nothing of this org is seen) and with a key lacking the scope (403).

const root = path.resolve(import.meta.dirname, "../..");
const doc = openApiDocument({ serverUrl: "http://localhost/api/v1" });
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, "openapi");

const pointer = (s: string) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"));
function documentedSchema(op: AnyApiOperation, status: number, contentType = "application/json") {
  return ajv.getSchema(`openapi#/paths/${pointer(op.path)}/${op.method.toLowerCase()}/responses/${status}/content/${pointer(contentType)}/schema`);
}
const problemSchema = () => ajv.getSchema("openapi#/components/schemas/Problem")!;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function routeOf(op: AnyApiOperation): Promise<Handler> {
  const file = path.join(root, "app/api/v1", op.path.replace(/\{(\w+)\}/g, (_, p: string) => `[${camel(p)}]`), "route.ts");
  const mod = (await import(file)) as Record<string, Handler | undefined>;
  const handler = mod[op.method];
  if (!handler) throw new Error(`${file} does not export ${op.method}`);
  return handler;
}

const paramNames = (op: AnyApiOperation) => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

type Field = { meta?: () => { example?: unknown } | undefined; safeParse: (v: unknown) => { success: boolean } };
const shapeOf = (schema: unknown) => (schema as { shape?: Record<string, Field> } | undefined)?.shape ?? {};

/** The month before this one, YYYY-MM: the seeded history reaches into it, so its statistics exist. */
const lastMonth = () => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
/** Query values the examples cannot give (they depend on today). */
const queryValues: Record<string, Record<string, string>> = { getMonthlyStatistics: { month: lastMonth() } };
/** Path values of operations that must not share a thing with another operation (approving and declining one request). */
const paramValues: Record<string, Record<string, string>> = {};

let t: TestDatabase;
let dataDir: string;
const globalForDb = globalThis as unknown as { vendopsDb?: Promise<DbHandle> };
let allKey: string;
let otherKey: string;
let revokedKey: string;
let expiredKey: string;
let ownerId: string;
let orgId: string;
const ids: Record<string, string> = {};
const answers = new Map<string, unknown>();
const seenIds = new Set<string>();

async function keyFor(org: string, owner: string, scopes: ApiScope[]) {
  return (await asOwner(t.db, org, owner, (ctx) => createApiKey(ctx, { name: `contract ${scopes.length}`, scopes }))).key;
}

async function call(op: AnyApiOperation, key: string, values: Record<string, string>, body?: unknown) {
  const handler = await routeOf(op);
  values = { ...values, ...paramValues[op.id] };
  const filled = op.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(values[p] ?? ""));
  const query = new URLSearchParams(queryValues[op.id]);
  for (const [name, field] of Object.entries(shapeOf(op.query))) {
    const example = field.meta?.()?.example;
    if (!query.has(name) && !field.safeParse(undefined).success) {
      if (example === undefined) throw new Error(`${op.id}: the required query parameter ${name} has no example`);
      query.set(name, String(example));
    }
  }
  const url = `http://localhost/api/v1${filled}${query.size ? `?${query}` : ""}`;
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(url, { method: op.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return handler(request, { params: Promise.resolve(Object.fromEntries(paramNames(op).map((p) => [camel(p), values[p] ?? ""]))) });
}

/** An example request body with the ids of the seeded org in place of the example's. */
function bodyFor(op: AnyApiOperation): unknown {
  const example = op.examples?.request;
  if (example === undefined) return op.body ? {} : undefined;
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (!node || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k.endsWith("_id") && typeof v === "string" && ids[k] ? ids[k] : swap(v)]));
  };
  return swap(example);
}

function collectIds(node: unknown) {
  if (Array.isArray(node)) return node.forEach(collectIds);
  if (!node || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node)) {
    if ((k === "id" || k.endsWith("_id")) && typeof v === "string") seenIds.add(v);
    else collectIds(v);
  }
}

/** Path parameters found in list answers: `/sales` → `data[0].id` is a `sale_id` if `/sales/{sale_id}` exists. */
function learnIds(op: AnyApiOperation, body: unknown) {
  const data = (body as { data?: { id?: string }[] }).data;
  if (!Array.isArray(data) || !data[0]?.id) return;
  const escaped = op.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, "\\{\\w+\\}");
  const detail = apiOperations.find((o) => new RegExp(`^${escaped}/\\{(\\w+)\\}$`).test(o.path));
  const name = detail ? paramNames(detail).at(-1)! : null;
  if (name && !ids[name]) ids[name] = data[0].id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  globalForDb.vendopsDb = Promise.resolve(t);
  dataDir = mkdtempSync(path.join(tmpdir(), "vendops-contract-"));
  // History into last month, so its statistics are written.
  const historyDays = new Date().getUTCDate() + 2;
  const seeded = await seedDemo(t.db, "contract-test-password", { dataDir, machines: 3, historyDays, log: () => {} });
  orgId = seeded.orgId;
  ownerId = (await t.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_OWNER_EMAIL)))[0]!.id;
  // What the demo's history has none of: a technician's visit, online orders, refund requests.
  const machineId = (await t.db.select({ id: machines.id }).from(machines).where(eq(machines.orgId, orgId)).limit(1))[0]!.id;
  await asOwner(t.db, orgId, ownerId, (ctx) => recordVisit(ctx, { machineId, visitKey: "contract-visit-1", counts: [{ slot: "A1", quantity: 5 }] }));
  const first = await createPaymentsFixture(t.db, orgId, machineId);
  const second = await createPaymentsFixture(t.db, orgId, machineId);
  ids.refund_request_id = first.requestId;
  paramValues.declineRefundRequest = { refund_request_id: second.requestId };

  allKey = await keyFor(orgId, ownerId, [...apiScopes]);
  revokedKey = await keyFor(orgId, ownerId, [...apiScopes]);
  await t.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.keyHash, hashApiKey(revokedKey)));
  expiredKey = await keyFor(orgId, ownerId, [...apiScopes]);
  await t.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.keyHash, hashApiKey(expiredKey)));
  const other = await createOrg(t.db);
  otherKey = await keyFor(other.org.id, other.owner.id, [...apiScopes]);
}, 180_000);
afterAll(async () => {
  globalForDb.vendopsDb = undefined;
  await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

// Lists first (they yield the ids the others need), then single reads, then writes.
const rank = (op: AnyApiOperation) => (op.method !== "GET" ? 2 : paramNames(op).length === 0 ? 0 : 1) * 100 + paramNames(op).length;
const ordered = [...apiOperations].sort((a, b) => rank(a) - rank(b));

describe("every documented operation, called with a key", () => {
  it("keeps no key in clear", async () => {
    const rows = await t.db.select({ keyHash: apiKeys.keyHash, prefix: apiKeys.prefix }).from(apiKeys);
    expect(rows.some((r) => r.keyHash === hashApiKey(allKey))).toBe(true);
    for (const r of rows) {
      expect(r.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(allKey.startsWith(r.prefix) || !allKey.includes(r.keyHash)).toBe(true);
    }
  });

  for (const op of ordered) {
    it(`${op.method} ${op.path} answers as documented (${op.id})`, async () => {
      // A path parameter no list yields (a slot code) comes from its documented example.
      for (const [name, field] of Object.entries(shapeOf(op.params))) {
        const example = field.meta?.()?.example;
        if (typeof example === "string") ids[name] ??= example;
      }
      const missing = paramNames(op).filter((p) => !ids[p]);
      expect(missing, `no ${missing.join(", ")} found in the seeded org's lists`).toEqual([]);
      const response = await call(op, allKey, ids, bodyFor(op));
      const status = op.response === null ? 204 : (op.status ?? 200);
      const text = await response.text();
      expect(response.status, text).toBe(status);
      if (status === 204) return;
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
      const body = JSON.parse(text) as unknown;
      const validate = documentedSchema(op, status)!;
      expect(validate, "the document has a schema for the answer").toBeTruthy();
      const valid = validate(body);
      expect(validate.errors ?? [], JSON.stringify(body).slice(0, 500)).toEqual([]);
      expect(valid).toBe(true);
      answers.set(op.id, body);
      if (op.method === "GET") {
        learnIds(op, body);
        collectIds(body);
      }
    });
  }

  for (const op of ordered) {
    it(`${op.method} ${op.path} shows another org's key nothing of this org, needs ${op.scope} and a live key`, async () => {
      for (const dead of [revokedKey, expiredKey]) {
        const refused = await call(op, dead, ids, bodyFor(op));
        expect(refused.status).toBe(401);
        expect(problemSchema()(await refused.json())).toBe(true);
      }
      const other = await call(op, otherKey, ids, bodyFor(op));
      const text = await other.text();
      if (paramNames(op).length > 0) {
        expect(other.status, text).toBe(404);
        expect(problemSchema()(JSON.parse(text))).toBe(true);
      } else if (other.status === 200 && other.headers.get("content-type") === "application/json") {
        const leaked: string[] = [];
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (!node || typeof node !== "object") return;
          for (const [k, v] of Object.entries(node)) {
            if ((k === "id" || k.endsWith("_id")) && typeof v === "string" && seenIds.has(v)) leaked.push(`${k}=${v}`);
            else walk(v);
          }
        };
        walk(JSON.parse(text));
        expect(leaked).toEqual([]);
      } else {
        expect([200, 201, 400, 404, 409]).toContain(other.status);
      }
      const lacking = await keyFor(orgId, ownerId, apiScopes.filter((s) => s !== op.scope));
      const refused = await call(op, lacking, ids, bodyFor(op));
      expect(refused.status).toBe(403);
      expect(problemSchema()(await refused.json())).toBe(true);
    });
  }
});
