import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { sales } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import type { RequestSession } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { GET as journalRoute } from "./journal.csv/route";

// The route reads the request's session and the app's database; here they are this file's.
const state = { user: null as SessionUser | null };
const session: RequestSession = { db: async () => t.db, user: async () => state.user };

let t: TestDatabase;
let m: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
let other: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
let manager: SessionUser;
let viewer: SessionUser;
beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMachineWithPlanogram(t.db);
  other = await createMachineWithPlanogram(t.db);
  manager = await addMember(t.db, m.org.id, "manager");
  viewer = await addMember(t.db, m.org.id, "viewer");
  await t.db.insert(sales).values(
    [m, other].map((of) => ({
      id: newId("sal"),
      orgId: of.org.id,
      machineId: of.machine.id,
      eventId: newId("evt"),
      slotCode: "A1",
      productId: of.products.cola.id,
      status: "succeeded" as const,
      priceMinor: of === m ? 250 : 777,
      costMinor: 90,
      currency: "EUR",
      vatRateBp: 1900,
      paymentMethod: "card" as const,
      occurredAt: new Date("2026-11-10T10:00:00Z"),
    })),
  );
});
afterAll(async () => {
  await t.drop();
});

async function download(user: SessionUser | null, org: string, query: string) {
  state.user = user;
  const response = await journalRoute(new Request(`http://localhost/o/${org}/accounting/journal.csv${query}`), { params: Promise.resolve({ org }) }, session);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("the accounting journal download", () => {
  it("gives a manager the org's journal as a UTF-8 CSV with a BOM, in the chosen layout", async () => {
    const xero = await download(manager, m.org.slug, "?from=2026-11-01&to=2026-11-30&format=xero");
    expect(xero.status).toBe(200);
    expect(xero.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(xero.headers.get("content-disposition")).toBe(`attachment; filename="${m.org.slug}-journal-xero-2026-11-01-2026-11-30.csv"`);
    // Response.text() drops a leading BOM as a UTF-8 decoder does; the bytes keep it.
    const bytes = new Uint8Array(await (await journalRoute(new Request(`http://localhost/o/${m.org.slug}/accounting/journal.csv?from=2026-11-01&to=2026-11-30&format=quickbooks`), { params: Promise.resolve({ org: m.org.slug }) }, session)).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = xero.text.replace(/^\uFEFF/, "").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\*Narration,\*Date,Description,\*AccountCode,\*TaxRate,\*Amount,/);
    expect(lines.slice(1, 2)).toEqual([`${m.org.name} daily journal 2026-11-10,10/11/2026,Sales paid by card,093,No VAT,2.50,,,,`]);
    expect(xero.text).not.toContain("7.77");

    const quickbooks = await download(manager, m.org.id, "?from=2026-11-10&to=2026-11-10&format=quickbooks");
    expect(quickbooks.status).toBe(200);
    expect(quickbooks.text.replace(/^\uFEFF/, "").split("\n")[0]).toBe("Journal No.,Journal Date,Account Name,Debits,Credits,Description,Name");
    expect(quickbooks.text).toContain("VO-2026-11-10,11/10/2026,Card clearing,2.50,,Sales paid by card,");
  });

  it("answers 400 with what to fix for missing or bad parameters and ranges over 366 days", async () => {
    const cases: [string, RegExp][] = [
      ["", /from: Use a date like 2026-11-24/],
      ["?from=2026-11-01&format=xero", /to: Use a date like 2026-11-24/],
      ["?from=2026-11-01&to=2026-11-30", /format: Choose a format: xero or quickbooks/],
      ["?from=2026-11-01&to=2026-11-30&format=sage", /format: Choose a format: xero or quickbooks/],
      ["?from=2026-02-30&to=2026-03-01&format=xero", /from: This date does not exist/],
      ["?from=01.11.2026&to=2026-11-30&format=xero", /from: Use a date like 2026-11-24/],
      ["?from=2026-12-01&to=2026-11-01&format=xero", /to: The start date must not be after the end date/],
      ["?from=2025-01-01&to=2026-01-02&format=xero", /to: Choose at most 366 days/],
      ["?from=2026-11-01%00&to=2026-11-30&format=xero", /from contains a NUL character/],
    ];
    for (const [query, message] of cases) {
      const res = await download(manager, m.org.slug, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(message) });
    }
    expect((await download(manager, m.org.slug, "?from=2024-01-01&to=2024-12-31&format=xero")).status).toBe(200);
  });

  it("needs a manager of the org: a viewer is refused, another org's member and a stranger find nothing, a visitor signs in", async () => {
    const query = "?from=2026-11-01&to=2026-11-30&format=xero";
    expect((await download(viewer, m.org.slug, query)).status).toBe(403);
    expect((await download(m.owner, m.org.slug, query)).status).toBe(200);
    const foreign = await download(other.owner, m.org.slug, query);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain("2.50");
    expect((await download(other.owner, m.org.id, query)).status).toBe(404);
    expect((await download(null, m.org.slug, query)).status).toBe(401);
  });
});
