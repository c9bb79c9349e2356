import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { organizations, refunds, sales } from "~/db/schema";
import { registerMachine } from "~/server/fleet";
import { addDays, localDay, startOfDay } from "~/server/time";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { saleRow } from "~/test/payments";
import { GET as getSale } from "./[saleId]/route";
import { GET as listSales } from "./route";

const db = apiTestDatabase();

interface SaleBody {
  id: string;
  machine_id: string;
  location_id: string | null;
  product_id: string | null;
  product_name: string | null;
  slot: string;
  status: string;
  occurred_at: string;
  amount_minor: number;
  currency: string;
  vat_rate_bp: number;
  vat_minor: number;
  payment_method: string;
  payment_reference: string | null;
  refund: { id: string; status: string; amount_minor: number } | null;
}
type Page = { data: SaleBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listSales, `/sales${query}`, { key });
const one = (key: string, saleId: string) => callApi(getSale, `/sales/${saleId}`, { key, params: { saleId } });

/** An org with a machine (slots A1 cola, A2 water), a sales:read key, and a way to record sales. */
async function orgWithSales() {
  const setup = await createMachineWithPlanogram(db().db);
  const key = await apiKeyFor(db().db, setup.owner, setup.org.id, ["sales:read"]);
  const record = async (overrides: Partial<typeof sales.$inferInsert> = {}) => {
    const [sale] = await db()
      .db.insert(sales)
      .values(saleRow(setup.org.id, setup.machine.id, { locationId: setup.location.id, productId: setup.products.cola.id, ...overrides }))
      .returning();
    return sale!;
  };
  return { ...setup, key, record };
}

async function pages(key: string, query: string, between?: (page: number) => Promise<unknown>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let count = 0;
  do {
    const page: Page = await okJson<Page>(await list(key, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`));
    seen.push(...page.data.map((s) => s.id));
    cursor = page.next_cursor;
    count++;
    if (cursor && between) await between(count);
  } while (cursor && count < 20);
  return { seen, count };
}

describe("GET /api/v1/sales", () => {
  it("answers the key's org's sales with their fields, oldest first; another org's key sees none; a key without sales:read gets 403", async () => {
    const mine = await orgWithSales();
    const theirs = await orgWithSales();
    const t0 = new Date("2026-11-20T10:00:00Z");
    const earlier = await mine.record({ occurredAt: t0, vatRateBp: 1900, costMinor: 90 });
    const later = await mine.record({ occurredAt: new Date(t0.getTime() + 60_000), status: "failed", failureReason: "jammed" });
    await db().db.insert(refunds).values({
      id: newId("rfd"), orgId: mine.org.id, saleId: later.id, amountMinor: 250, currency: "EUR", paymentMethod: "card", reason: "vend_failed:jammed",
    });

    const page = await okJson<Page>(await list(mine.key));
    expect(page.data.map((s) => s.id)).toEqual([earlier.id, later.id]);
    expect(page.next_cursor).toBeNull();
    expect(page.data[0]).toMatchObject({
      machine_id: mine.machine.id,
      location_id: mine.location.id,
      product_id: mine.products.cola.id,
      product_name: "Cola 0.33 l",
      slot: "A1",
      status: "succeeded",
      occurred_at: t0.toISOString(),
      amount_minor: 250,
      currency: "EUR",
      vat_rate_bp: 1900,
      vat_minor: 40,
      payment_method: "card",
      payment_reference: earlier.paymentReference,
      refund: null,
    });
    expect(page.data[1]).toMatchObject({ status: "failed", failure_reason: "jammed", refund: { status: "pending", amount_minor: 250 } });

    expect((await okJson<Page>(await list(theirs.key))).data).toEqual([]);
    const reader = await apiKeyFor(db().db, mine.owner, mine.org.id, ["machines:read", "refunds:read"]);
    expect((await expectProblem(await list(reader), 403)).detail).toContain("sales:read");
  });

  it("answers ?day= of yesterday in the org's time zone with exactly that local day's sales", async () => {
    const org = await orgWithSales();
    const zone = "America/Los_Angeles";
    await db().db.update(organizations).set({ timeZone: zone }).where(eq(organizations.id, org.org.id));
    const yesterday = addDays(localDay(new Date(), zone), -1);
    const start = startOfDay(yesterday, zone);
    const end = startOfDay(addDays(yesterday, 1), zone);
    const before = await org.record({ occurredAt: new Date(start.getTime() - 1) });
    const first = await org.record({ occurredAt: start });
    const last = await org.record({ occurredAt: new Date(end.getTime() - 1) });
    const after = await org.record({ occurredAt: end });

    const page = await okJson<Page>(await list(org.key, `?day=${yesterday}`));
    expect(page.data.map((s) => s.id)).toEqual([first.id, last.id]);
    // The same day by instants: half-open [from, to).
    const range = await okJson<Page>(await list(org.key, `?from=${start.toISOString()}&to=${end.toISOString()}`));
    expect(range.data.map((s) => s.id)).toEqual([first.id, last.id]);
    // An offset is read as the instant it names.
    const offset = await okJson<Page>(await list(org.key, `?from=${encodeURIComponent(`${yesterday}T00:00:00-08:00`)}&limit=200`));
    expect(offset.data.map((s) => s.id)).not.toContain(before.id);
    expect(offset.data.map((s) => s.id)).toEqual(expect.arrayContaining([first.id, last.id, after.id]));
  });

  it("pages through every sale once, ties and microseconds included, while a sale is added between pages", async () => {
    const org = await orgWithSales();
    const t0 = new Date("2026-11-21T08:00:00Z");
    const ids: string[] = [];
    // Three sales share one instant, so pages split between equal times.
    for (let i = 0; i < 7; i++) ids.push((await org.record({ occurredAt: new Date(t0.getTime() + Math.max(0, i - 2) * 1000) })).id);
    // Two sales microseconds apart within the same millisecond.
    await db().db.execute(sql`update sales set occurred_at = '2026-11-21T08:00:10.000100Z' where id = ${ids[5]!}`);
    await db().db.execute(sql`update sales set occurred_at = '2026-11-21T08:00:10.000200Z' where id = ${ids[6]!}`);

    let added = "";
    const { seen, count } = await pages(org.key, "?limit=3", async (page) => {
      if (page === 1) added = (await org.record({ occurredAt: new Date() })).id;
    });
    expect(count).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen)).toEqual(new Set([...ids, added]));
    expect(seen.at(-1)).toBe(added);
  });

  it("combines filters: machine, location, product, payment method, status and a time range", async () => {
    const org = await orgWithSales();
    const other = await asOwner(db().db, org.org.id, org.owner.id, (ctx) => registerMachine(ctx, { name: "Second", serial: `SN2-${org.org.id.slice(-6)}` }));
    const at = new Date("2026-11-22T12:00:00Z");
    const match = await org.record({ occurredAt: at });
    await org.record({ occurredAt: at, machineId: other.machine.id, locationId: null });
    await org.record({ occurredAt: at, productId: org.products.water.id, slotCode: "A2" });
    await org.record({ occurredAt: at, paymentMethod: "cash", paymentReference: null });
    await org.record({ occurredAt: at, status: "failed", failureReason: "jammed" });
    await org.record({ occurredAt: new Date(at.getTime() + 3_600_000) });

    const query = `?machine_id=${org.machine.id}&location_id=${org.location.id}&product_id=${org.products.cola.id}&payment_method=card&status=succeeded&from=2026-11-22T00:00:00Z&to=2026-11-22T12:30:00Z`;
    expect((await okJson<Page>(await list(org.key, query))).data.map((s) => s.id)).toEqual([match.id]);
    expect((await okJson<Page>(await list(org.key, `?machine_id=${other.machine.id}`))).data).toHaveLength(1);
    expect((await okJson<Page>(await list(org.key, "?payment_method=cash&status=succeeded"))).data).toHaveLength(1);
    expect((await okJson<Page>(await list(org.key, `?location_id=${org.location.id}&status=failed`))).data).toHaveLength(1);
  });

  it("refuses bad input with 400 and the field in errors", async () => {
    const org = await orgWithSales();
    const both = await expectProblem(await list(org.key, "?day=2026-11-30&from=2026-11-30T00:00:00Z"), 400);
    expect(both.errors).toEqual({ day: ["Send either day or from/to, not both."] });
    expect((await expectProblem(await list(org.key, "?from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z"), 400)).errors).toHaveProperty("to");
    expect((await expectProblem(await list(org.key, "?day=2026-02-30"), 400)).errors).toHaveProperty("day");
    expect((await expectProblem(await list(org.key, "?from=yesterday"), 400)).errors).toHaveProperty("from");
    expect((await expectProblem(await list(org.key, "?payment_method=bitcoin"), 400)).errors).toHaveProperty("payment_method");
    expect((await expectProblem(await list(org.key, "?status=refunded"), 400)).errors).toHaveProperty("status");
    await expectProblem(await list(org.key, "?cursor=garbage"), 400);
    await expectProblem(await list(org.key, "?limit=201"), 400);
  });
});

describe("GET /api/v1/sales/{sale_id}", () => {
  it("answers the org's sale, 404 for another org's, 400 for a malformed id, 403 without the scope", async () => {
    const mine = await orgWithSales();
    const theirs = await orgWithSales();
    const sale = await mine.record({ occurredAt: new Date("2026-11-23T09:00:00Z") });
    const foreign = await theirs.record();
    const found = await okJson<SaleBody>(await one(mine.key, sale.id));
    expect(found).toMatchObject({ id: sale.id, machine_id: mine.machine.id, amount_minor: 250, occurred_at: "2026-11-23T09:00:00.000Z" });
    await expectProblem(await one(mine.key, foreign.id), 404);
    expect((await expectProblem(await one(mine.key, "sal_\u0000x"), 400)).errors).toHaveProperty("sale_id");
    const machinesOnly = await apiKeyFor(db().db, mine.owner, mine.org.id, ["machines:read"]);
    await expectProblem(await one(machinesOnly, sale.id), 403);
  });
});
