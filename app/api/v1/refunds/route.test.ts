import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { refunds, sales } from "~/db/schema";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { createMachineWithPlanogram } from "~/test/machines";
import { createPaymentsFixture, saleRow } from "~/test/payments";
import { GET as getRefund } from "./[refundId]/route";
import { GET as listRefunds } from "./route";

const db = apiTestDatabase();

interface RefundBody {
  id: string;
  sale_id: string | null;
  machine_id: string | null;
  origin: string;
  status: string;
  amount_minor: number;
  currency: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
}
type Page = { data: RefundBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listRefunds, `/refunds${query}`, { key });
const one = (key: string, refundId: string) => callApi(getRefund, `/refunds/${refundId}`, { key, params: { refundId } });

async function orgWithRefunds() {
  const setup = await createMachineWithPlanogram(db().db);
  const fixture = await createPaymentsFixture(db().db, setup.org.id, setup.machine.id);
  const key = await apiKeyFor(db().db, setup.owner, setup.org.id, ["refunds:read"]);
  /** A pending refund of a new card sale, created at `at`. */
  const refund = async (at: Date) => {
    const [sale] = await db().db.insert(sales).values(saleRow(setup.org.id, setup.machine.id)).returning();
    const [row] = await db()
      .db.insert(refunds)
      .values({ id: newId("rfd"), orgId: setup.org.id, saleId: sale!.id, amountMinor: 250, currency: "EUR", paymentMethod: "card", reason: "manual: test", origin: "manual", createdAt: at })
      .returning();
    return row!;
  };
  return { ...setup, fixture, key, refund };
}

describe("GET /api/v1/refunds", () => {
  it("answers the key's org's refunds with their state; another org's key sees none; a key without refunds:read gets 403", async () => {
    const mine = await orgWithRefunds();
    const theirs = await orgWithRefunds();
    const page = await okJson<Page>(await list(mine.key));
    expect(page.data).toEqual([
      expect.objectContaining({
        id: mine.fixture.failedRefundId,
        machine_id: mine.machine.id,
        origin: "automatic",
        status: "failed",
        attempts: 8,
        last_error: "Stripe: card_declined",
        next_attempt_at: null,
        amount_minor: 250,
        currency: "EUR",
      }),
    ]);
    expect(page.data.map((r) => r.id)).not.toContain(theirs.fixture.failedRefundId);
    const salesOnly = await apiKeyFor(db().db, mine.owner, mine.org.id, ["sales:read", "refunds:write"]);
    expect((await expectProblem(await list(salesOnly), 403)).detail).toContain("refunds:read");
  });

  it("pages oldest first without repeats while a refund is added, and filters by status, origin and time", async () => {
    const org = await orgWithRefunds();
    const t0 = new Date("2026-11-20T10:00:00Z");
    const a = await org.refund(t0);
    const b = await org.refund(t0); // The same instant: ordered by id.
    const c = await org.refund(new Date(t0.getTime() + 60_000));
    await db().db.execute(sql`update refunds set created_at = '2026-11-20T10:00:30.000500Z' where id = ${c.id}`);

    const first = await okJson<Page>(await list(org.key, "?limit=2"));
    const added = await org.refund(new Date());
    const seen = [...first.data.map((r) => r.id)];
    let cursor = first.next_cursor;
    while (cursor) {
      const page = await okJson<Page>(await list(org.key, `?limit=2&cursor=${encodeURIComponent(cursor)}`));
      seen.push(...page.data.map((r) => r.id));
      cursor = page.next_cursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set([org.fixture.failedRefundId, a.id, b.id, c.id, added.id]));
    expect(seen.at(-1)).toBe(added.id);

    const ids = async (query: string) => (await okJson<Page>(await list(org.key, query))).data.map((r) => r.id);
    expect(await ids("?status=failed")).toEqual([org.fixture.failedRefundId]);
    const ranged = await ids("?origin=manual&from=2026-11-20T00:00:00.000Z&to=2026-11-20T10:00:30.000Z");
    expect(ranged).toHaveLength(2);
    expect(new Set(ranged)).toEqual(new Set([a.id, b.id]));
    expect(await ids("?status=pending&origin=automatic")).toEqual([]);
  });

  it("refuses bad input with 400 and the field in errors", async () => {
    const org = await orgWithRefunds();
    expect((await expectProblem(await list(org.key, "?status=refunded"), 400)).errors).toHaveProperty("status");
    expect((await expectProblem(await list(org.key, "?from=2026-11-21T00:00:00.000Z&to=2026-11-20T00:00:00.000Z"), 400)).errors).toHaveProperty("to");
    expect((await expectProblem(await list(org.key, "?from=today"), 400)).errors).toHaveProperty("from");
    await expectProblem(await list(org.key, "?cursor=nope"), 400);
  });
});

describe("GET /api/v1/refunds/{refund_id}", () => {
  it("answers the org's refund, 404 for another org's, 400 for a malformed id, 403 without the scope", async () => {
    const mine = await orgWithRefunds();
    const theirs = await orgWithRefunds();
    expect(await okJson<RefundBody>(await one(mine.key, mine.fixture.failedRefundId))).toMatchObject({ id: mine.fixture.failedRefundId, status: "failed" });
    await expectProblem(await one(mine.key, theirs.fixture.failedRefundId), 404);
    expect((await expectProblem(await one(mine.key, "rfd x"), 400)).errors).toHaveProperty("refund_id");
    const ordersOnly = await apiKeyFor(db().db, mine.owner, mine.org.id, ["orders:read"]);
    await expectProblem(await one(ordersOnly, mine.fixture.failedRefundId), 403);
  });
});
