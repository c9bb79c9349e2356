import { describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { orders, refunds } from "~/db/schema";
import { registerMachine } from "~/server/fleet";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { createPaymentsFixture } from "~/test/payments";
import { GET as getOrder } from "./[orderId]/route";
import { GET as listOrders } from "./route";

const db = apiTestDatabase();

interface OrderBody {
  id: string;
  machine_id: string;
  status: string;
  product_name: string;
  amount_minor: number;
  consumer_id: string | null;
  payment_reference: string | null;
  refund: { id: string; status: string } | null;
  created_at: string;
}
type Page = { data: OrderBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listOrders, `/orders${query}`, { key });
const one = (key: string, orderId: string) => callApi(getOrder, `/orders/${orderId}`, { key, params: { orderId } });

async function orgWithOrders() {
  const setup = await createMachineWithPlanogram(db().db);
  const fixture = await createPaymentsFixture(db().db, setup.org.id, setup.machine.id);
  const key = await apiKeyFor(db().db, setup.owner, setup.org.id, ["orders:read"]);
  const order = async (overrides: Partial<typeof orders.$inferInsert> = {}) => {
    const [row] = await db()
      .db.insert(orders)
      .values({
        id: newId("ord"),
        orgId: setup.org.id,
        machineId: setup.machine.id,
        slotCode: "A2",
        productName: "Water 0.5 l",
        amountMinor: 150,
        currency: "EUR",
        provider: "demo",
        checkoutSessionId: `cs_${newId("x")}`,
        checkoutUrl: "https://checkout.example/secret-session",
        checkoutExpiresAt: new Date(Date.now() + 30 * 60_000),
        commandId: newId("cmd"),
        ...overrides,
      })
      .returning();
    return row!;
  };
  return { ...setup, fixture, key, order };
}

describe("GET /api/v1/orders", () => {
  it("answers the key's org's orders without checkout secrets or personal data; another org's key sees none; 403 without orders:read", async () => {
    const mine = await orgWithOrders();
    const theirs = await orgWithOrders();
    const page = await okJson<Page>(await list(mine.key));
    expect(page.data).toEqual([
      expect.objectContaining({ id: mine.fixture.orderId, machine_id: mine.machine.id, status: "paid", product_name: "Cola 0.33 l", consumer_id: mine.fixture.consumer.id, payment_reference: "demo_pi_fixture", refund: null }),
    ]);
    const pending = await mine.order();
    const text = JSON.stringify(await okJson<Page>(await list(mine.key)));
    expect(text).toContain(pending.id);
    for (const secret of [pending.checkoutUrl!, pending.checkoutSessionId!, pending.commandId, mine.fixture.consumer.email]) expect(text).not.toContain(secret);
    expect(text).not.toContain(theirs.fixture.orderId);
    const refundsKey = await apiKeyFor(db().db, mine.owner, mine.org.id, ["refunds:read", "sales:read"]);
    expect((await expectProblem(await list(refundsKey), 403)).detail).toContain("orders:read");
  });

  it("pages oldest first without repeats while an order is placed, and combines status, machine and time filters", async () => {
    const org = await orgWithOrders();
    const second = await asOwner(db().db, org.org.id, org.owner.id, (ctx) => registerMachine(ctx, { name: "Second", serial: `SN2-${org.org.id.slice(-6)}` }));
    const t0 = new Date("2026-11-20T10:00:00Z");
    const expired = await org.order({ status: "expired", createdAt: t0 });
    await db().db.insert(refunds).values({
      id: newId("rfd"), orgId: org.org.id, orderId: expired.id, amountMinor: 150, currency: "EUR", paymentMethod: "card", paymentReference: "pi_x", reason: "order_expired",
    });
    const elsewhere = await org.order({ status: "expired", machineId: second.machine.id, createdAt: t0 });
    const later = await org.order({ status: "expired", createdAt: new Date(t0.getTime() + 3_600_000) });
    const canceled = await org.order({ status: "canceled", createdAt: t0 });

    const ids = async (query: string) => (await okJson<Page>(await list(org.key, query))).data.map((o) => o.id);
    expect(await ids(`?status=expired&machine_id=${org.machine.id}&from=2026-11-20T00:00:00.000Z&to=2026-11-20T10:30:00.000Z`)).toEqual([expired.id]);
    expect(await ids(`?machine_id=${second.machine.id}`)).toEqual([elsewhere.id]);
    expect(await ids("?status=canceled")).toEqual([canceled.id]);
    expect((await okJson<OrderBody>(await one(org.key, expired.id))).refund).toEqual({ id: expect.any(String), status: "pending" });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let added = "";
    do {
      const page: Page = await okJson<Page>(await list(org.key, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`));
      seen.push(...page.data.map((o) => o.id));
      cursor = page.next_cursor;
      if (++pages === 1) added = (await org.order()).id;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(6);
    expect(new Set(seen)).toEqual(new Set([expired.id, elsewhere.id, later.id, canceled.id, org.fixture.orderId, added]));

    expect((await expectProblem(await list(org.key, "?status=lost"), 400)).errors).toHaveProperty("status");
    expect((await expectProblem(await list(org.key, "?from=2026-11-21T00:00:00.000Z&to=2026-11-20T00:00:00.000Z"), 400)).errors).toHaveProperty("to");
    await expectProblem(await list(org.key, "?limit=0"), 400);
  });
});

describe("GET /api/v1/orders/{order_id}", () => {
  it("answers the org's order, 404 for another org's, 400 for a malformed id", async () => {
    const mine = await orgWithOrders();
    const theirs = await orgWithOrders();
    expect(await okJson<OrderBody>(await one(mine.key, mine.fixture.orderId))).toMatchObject({ id: mine.fixture.orderId, amount_minor: 250, status: "paid" });
    await expectProblem(await one(mine.key, theirs.fixture.orderId), 404);
    expect((await expectProblem(await one(mine.key, "ord/../x"), 400)).errors).toHaveProperty("order_id");
  });
});
