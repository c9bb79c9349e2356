import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { SessionUser } from "~/server/auth";
import { recordCashCount } from "~/server/cash";
import { findUnsafeText } from "~/server/input/text";
import { appRouter } from "~/server/trpc/root";
import type { RequestSession } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createUser } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { cashListInput, cashQueryFrom, trendInput } from "./cash-query";
import { GET as cashRoute } from "./export.csv/route";

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[] } }>;
function refusal(path: string, input: unknown): string | null {
  const unsafe = findUnsafeText(input);
  if (unsafe) return unsafe.message;
  for (const schema of procedures[path]!._def.inputs) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return parsed.error.message;
  }
  return null;
}

describe("the cash page's filter, read from a hostile address", () => {
  const values = ["machine%00", "'%20or%201=1%20--", "𝕍𝕖𝕟𝕕", "%07bell", "a".repeat(3000), "2026-13", "2026-02-30", "0000-01", "__proto__", "-1", "%E2%80%AE"];
  const keys = ["machineId", "technicianId", "routeId", "source", "fromMonth", "toMonth", "view"];
  it.each(values.map((v) => [v.slice(0, 40), v]))("becomes input the procedures accept: %s", (_, value) => {
    const query = cashQueryFrom(new URLSearchParams(keys.map((key) => `${key}=${value}`).join("&")));
    const orgId = "org_cashPage0000000000";
    for (const [path, input] of [
      ["cash.list", cashListInput(orgId, query)],
      ["cash.summaries", { orgId, ...query }],
      ["cash.trend", trendInput(orgId, "Europe/Berlin")],
    ] as const) {
      expect(refusal(path, input), path).toBeNull();
    }
  });

  it("keeps the filters an operator sets, a backwards month range turned around", () => {
    const query = cashQueryFrom(new URLSearchParams("machineId=mch_1&technicianId=usr_2&routeId=rte_3&source=technician&fromMonth=2026-10&toMonth=2026-08&view=routes"));
    expect(query).toEqual({ machineId: "mch_1", technicianId: "usr_2", routeId: "rte_3", source: "technician", fromMonth: "2026-08", toMonth: "2026-10" });
  });
});

// The download route reads the request's session and the app's database; here they get this
// file's database and a signed-in user of the fixture.
const state = { user: null as SessionUser | null };
const session: RequestSession = { db: async () => t.db, user: async () => state.user };
const cashCsv = (path: string, slug: string) => cashRoute(new Request(`http://localhost${path}`), { params: Promise.resolve({ org: slug }) }, session);

let t: TestDatabase;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createOrgFixture(t.db, "viewer");
  await asOwner(t.db, f.orgId, f.owner.id, (ctx) => recordCashCount(ctx, { machineId: f.machineId, countedMinor: 1_250, key: "export-count-1", note: 'Bag "7", counted twice' }));
});
afterAll(async () => {
  await t.drop();
});

describe("the cash CSV export", () => {
  it("answers 400 with what to fix for an impossible month or unsafe text", async () => {
    state.user = f.actor;
    for (const [query, message] of [
      ["?fromMonth=2026-13", /fromMonth: Use a month like 2026-10/],
      ["?fromMonth=2026-10&toMonth=2026-08", /toMonth: The first month must not be after the last/],
      ["?machineId=%00", /machineId contains a NUL character/],
      ["?source=bank", /source:/],
    ] as const) {
      const res = await cashCsv(`/o/${f.orgId}/cash/export.csv${query}`, f.orgId);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(await res.json()).toEqual({ error: expect.stringMatching(message) });
    }
  });

  it("streams the collections of a member's org, and no one else's", async () => {
    state.user = f.actor;
    const res = await cashCsv(`/o/${f.orgId}/cash/export.csv?view=months`, f.orgId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^occurred_at_local,occurred_at_utc,collection_id,machine/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',North loop,,,0.00,12.50,12.50,EUR,"Bag ""7"", counted twice"');

    state.user = await createUser(t.db);
    expect((await cashCsv(`/o/${f.orgId}/cash/export.csv`, f.orgId)).status).toBe(404);
    state.user = null;
    expect((await cashCsv(`/o/${f.orgId}/cash/export.csv`, f.orgId)).status).toBe(401);
  });
});
