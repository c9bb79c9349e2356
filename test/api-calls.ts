import { afterAll, beforeAll, expect } from "vitest";
import type { DbHandle } from "~/db/client";
import type { ApiScope } from "~/server/tenancy";
import { createTestDatabase, type TestDatabase } from "./db";
import { callerFor } from "./factories";
import type { SessionUser } from "~/server/auth";

/** A route handler: `apiRoute(op)` or a hand-written one with its own typed parameters. */
type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/**
 * A test database the public API's route handlers use (they open the process's database), created
 * before the file's tests and dropped after.
 */
export function apiTestDatabase(): () => TestDatabase {
  let t: TestDatabase;
  const globalForDb = globalThis as unknown as { vendopsDb?: Promise<DbHandle> };
  beforeAll(async () => {
    t = await createTestDatabase();
    globalForDb.vendopsDb = Promise.resolve(t);
  });
  afterAll(async () => {
    globalForDb.vendopsDb = undefined;
    await t.drop();
  });
  return () => t;
}

/** An API key of the org with these scopes, created by its owner through the real procedure. */
export async function apiKeyFor(db: TestDatabase["db"], owner: SessionUser, orgId: string, scopes: ApiScope[]): Promise<string> {
  const created = await callerFor(db, owner).apiKeys.create({ orgId, name: `Key ${scopes.join(" ")}`, scopes });
  return created.key;
}

export interface ApiCall<P = Record<string, string>> {
  key: string;
  method?: string;
  /** Route parameters as Next passes them (camelCase folder names). */
  params?: P;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls a route handler as Next.js would, with the key as Bearer. */
export function callApi<P>(handler: Handler<P>, path: string, call: ApiCall<P>): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${call.key}`, ...call.headers };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost/api/v1${path}`, {
    method: call.method ?? "GET",
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return handler(request, { params: Promise.resolve(call.params ?? ({} as P)) });
}

/** Expects a problem details answer with this status and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
  return body;
}

/** The JSON body of a 200 answer. */
export async function okJson<T>(response: Response): Promise<T> {
  if (response.status !== 200) throw new Error(`answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
