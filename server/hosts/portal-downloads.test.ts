import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as operatorStatementPdf } from "~/app/o/[org]/hosts/statements/[statementId]/pdf/route";
import { GET as restSales } from "~/app/api/v1/sales/route";
import { GET as restLocations } from "~/app/api/v1/locations/route";
import type { SessionUser } from "~/server/auth";
import { hostStatementDownload, type RequestSession } from "~/server/web";
import type { DbHandle } from "~/db/client";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "~/test/db";
import { createHostFixture, type HostFixture } from "~/test/host-portal";

let t: TestDatabase;
let f: HostFixture;
const state: { user: SessionUser | null } = { user: null };
const session: RequestSession = { db: async () => t.db, user: async () => state.user };
// The REST routes open the process's database: this file's test database.
const globalForDb = globalThis as unknown as { vendopsDb?: Promise<DbHandle> };
beforeAll(async () => {
  t = await createTestDatabase();
  globalForDb.vendopsDb = Promise.resolve(t);
  f = await createHostFixture(t.db);
});
afterAll(async () => {
  globalForDb.vendopsDb = undefined;
  await t.drop();
});
rollbackEachTest(() => t);

const pdf = hostStatementDownload("pdf");
const csv = hostStatementDownload("csv");
const params = (org: string, statementId: string) => ({ params: Promise.resolve({ org, statementId }) });
const get = (path: string) => new Request(`http://localhost${path}`);

describe("a host's statement downloads", () => {
  it("gives the host the PDF and CSV of their own statement", async () => {
    state.user = f.host;
    const file = await pdf(get(`/h/${f.orgSlug}/statements/${f.statementId}/pdf`), params(f.orgSlug, f.statementId), session);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const table = await csv(get(`/h/${f.orgSlug}/statements/${f.statementId}/csv`), params(f.orgSlug, f.statementId), session);
    expect(table.status).toBe(200);
    expect(table.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
  });

  it("answers 404 for a draft, another place's statement and another org's, and 401 signed out", async () => {
    state.user = f.host;
    for (const [org, id] of [
      [f.orgSlug, f.draftStatementId],
      [f.orgSlug, f.otherStatementId],
      [f.orgSlug, f.orgB.statementId],
      [f.orgB.orgSlug, f.orgB.statementId],
      [f.orgB.orgId, f.statementId],
    ] as const) {
      const answer = await pdf(get(`/h/${org}/statements/${id}/pdf`), params(org, id), session);
      expect(answer.status).toBe(404);
    }
    state.user = f.orgB.host;
    expect((await pdf(get("/"), params(f.orgSlug, f.statementId), session)).status).toBe(404);
    state.user = f.owner;
    expect((await pdf(get("/"), params(f.orgSlug, f.statementId), session)).status).toBe(404);
    state.user = null;
    expect((await pdf(get("/"), params(f.orgSlug, f.statementId), session)).status).toBe(401);
  });

  it("does not open the operator's download to a host", async () => {
    state.user = f.host;
    const answer = await operatorStatementPdf(get(`/o/${f.orgSlug}/hosts/statements/${f.statementId}/pdf`), params(f.orgSlug, f.statementId), session);
    expect(answer.status).toBe(404);
  });
});

describe("the REST API", () => {
  it("does not take a host's session: it answers only to an org's API key", async () => {
    const cookie = "authjs.session-token=host-session";
    for (const route of [restSales, restLocations]) {
      const answer = await route(new Request("http://localhost/api/v1/sales", { headers: { cookie } }), { params: Promise.resolve({}) });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});
