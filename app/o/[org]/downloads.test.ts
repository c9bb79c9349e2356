import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/server/auth";
import type { RequestSession } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { GET as pickListRoute } from "./routes/[routeId]/pick-list.csv/route";
import { GET as salesRoute } from "./sales/export.csv/route";
import { GET as statisticsCsvRoute } from "./statistics/export.csv/route";
import { GET as statisticsPdfRoute } from "./statistics/export.pdf/route";

// The download routes read the request's session and the app's database; here they get this
// file's database and a signed-in user of the fixture (the database itself is real).
const state = { user: null as SessionUser | null };
const session: RequestSession = { db: async () => t.db, user: async () => state.user };
type Params<P> = { params: Promise<P> };
const salesCsv = (request: Request, params: Params<{ org: string }>) => salesRoute(request, params, session);
const statisticsCsv = (request: Request, params: Params<{ org: string }>) => statisticsCsvRoute(request, params, session);
const statisticsPdf = (request: Request, params: Params<{ org: string }>) => statisticsPdfRoute(request, params, session);
const pickListCsv = (request: Request, params: Params<{ org: string; routeId: string }>) => pickListRoute(request, params, session);

let t: TestDatabase;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createOrgFixture(t.db, "viewer");
});
afterAll(async () => {
  await t.drop();
});

const request = (path: string) => new Request(`http://localhost${path}`);
const org = (slug: string) => ({ params: Promise.resolve({ org: slug }) });

async function answer(response: Response) {
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("the sales CSV export", () => {
  it("answers 400 with what to fix, before streaming, for impossible dates and unsafe text", async () => {
    state.user = f.actor;
    const cases: [string, RegExp][] = [
      ["?from=2026-02-30", /from: This date does not exist/],
      ["?to=2026-13-99", /to: This date does not exist/],
      ["?to=24.11.2026", /to: Use a date like 2026-11-24/],
      ["?from=0000-01-01", /from: Use a date from 2000-01-01 to 2099-12-31/],
      ["?from=2026-02-01&to=2026-01-01", /to: The start date must not be after the end date/],
      ["?machineId=%00", /machineId contains a NUL character \(U\+0000\) at position 1/],
      ["?productId=x%07", /productId contains a control character \(U\+0007\) at position 2/],
      ["?status=exploded", /status:/],
    ];
    for (const [query, message] of cases) {
      const res = await answer(await salesCsv(request(`/o/${f.orgId}/sales/export.csv${query}`), org(f.orgId)));
      expect({ query, status: res.status, type: res.type }).toEqual({ query, status: 400, type: "application/json" });
      expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(message) });
    }
  });

  it("answers 400 for an org name with a NUL, and streams a valid filter", async () => {
    state.user = f.actor;
    const bad = await answer(await salesCsv(request("/o/x/sales/export.csv"), org("acme\u0000")));
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/org contains a NUL character/);
    const good = await answer(await salesCsv(request(`/o/${f.orgId}/sales/export.csv?from=2020-01-01&to=2099-12-31`), org(f.orgId)));
    expect(good.status).toBe(200);
    const lines = good.text.trim().split("\n");
    expect(lines[0]).toMatch(/^occurred_at_local,occurred_at_utc,sale_id/);
    expect(lines.length).toBeGreaterThan(1);
  });

  it("asks a signed-out visitor to sign in", async () => {
    state.user = null;
    expect((await salesCsv(request(`/o/${f.orgId}/sales/export.csv?from=2026-02-30`), org(f.orgId))).status).toBe(401);
  });
});

describe("the statistics exports", () => {
  it.each([
    ["0000-01", /Use a month from 2000-01 to 2099-12/],
    ["2026-13", /Use a month like 2026-10/],
    ["2026-1", /Use a month like 2026-10/],
    ["2026-10%00", /month contains a NUL character/],
  ])("answer 400 for month=%s in CSV and PDF", async (month, message) => {
    state.user = f.actor;
    for (const GET of [statisticsCsv, statisticsPdf]) {
      const res = await answer(await GET(request(`/o/${f.orgId}/statistics/export.csv?month=${month}`), org(f.orgId)));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(message) });
    }
  });

  it("answer 404, not an error, for a real month without statistics", async () => {
    state.user = f.actor;
    const res = await answer(await statisticsCsv(request(`/o/${f.orgId}/statistics/export.csv?month=2001-01`), org(f.orgId)));
    expect(res).toMatchObject({ status: 404, text: JSON.stringify({ error: "No statistics for this month." }) });
  });
});

describe("the pick list CSV", () => {
  const pickList = (routeId: string, query = "", slug = f.orgId) =>
    pickListCsv(request(`/o/${slug}/routes/${routeId}/pick-list.csv${query}`), { params: Promise.resolve({ org: slug, routeId }) });

  it("answers 400 for an impossible day or unsafe text in the route id", async () => {
    state.user = f.actor;
    for (const [res, message] of [
      [await pickList(f.routeId, "?day=2026-02-30"), /This date does not exist/],
      [await pickList(f.routeId, "?day=0000-01-01"), /Use a date from 2000-01-01/],
      [await pickList("rte\u0000"), /routeId contains a NUL character/],
      [await pickList(f.routeId, "", "\ud800"), /org contains an incomplete character/],
    ] as const) {
      expect(res.status).toBe(400);
      expect(JSON.parse(await res.text())).toEqual({ error: expect.stringMatching(message) });
    }
  });

  it("serves today's pick list", async () => {
    state.user = f.actor;
    const res = await pickList(f.routeId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });
});
