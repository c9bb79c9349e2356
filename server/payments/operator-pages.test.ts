import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, refunds } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, asOwner } from "~/test/machines";
import { createPaymentsFixture } from "~/test/payments";
import { listOrders, listRefunds } from "./operator";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("the operator's lists of orders and refunds", () => {
  it("page through rows made within one millisecond without skipping or repeating one", async () => {
    const { org, owner, machine } = await createMachineWithPlanogram(t.db);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createPaymentsFixture(t.db, org.id, machine.id));
    // Three orders and three refunds whose times differ only in microseconds (the cursor keeps milliseconds).
    for (const [i, f] of made.entries()) {
      await t.db.update(orders).set({ createdAt: sql`${`2026-12-01 09:00:00.123${i + 1}00+00`}::timestamptz` }).where(eq(orders.id, f.orderId));
      await t.db.update(refunds).set({ createdAt: sql`${`2026-12-01 09:00:00.123${3 - i}00+00`}::timestamptz` }).where(eq(refunds.id, f.failedRefundId));
    }
    const all = async (list: (cursor?: string) => Promise<{ items: { id: string }[]; nextCursor?: string }>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(cursor);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const orderIds = await asOwner(t.db, org.id, owner.id, (ctx) => all((cursor) => listOrders(ctx, { limit: 1, cursor }).then((p) => ({ items: p.orders, nextCursor: p.nextCursor }))));
    expect(orderIds.sort()).toEqual(made.map((f) => f.orderId).sort());
    const refundIds = await asOwner(t.db, org.id, owner.id, (ctx) => all((cursor) => listRefunds(ctx, { limit: 1, cursor }).then((p) => ({ items: p.refunds, nextCursor: p.nextCursor }))));
    expect(refundIds.sort()).toEqual(made.map((f) => f.failedRefundId).sort());
  });
});
