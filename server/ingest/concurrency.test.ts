import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refunds, sales, slots, stockDiscrepancies } from "~/db/schema";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

// PGlite runs one query at a time, so real concurrency is tested on the Postgres server.
describe.runIf(testDriver === "postgres")("one batch delivered 50 times at once", () => {
  it("records one sale per vend, lowers stock once and owes one refund per failed vend", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 20 });
    const start = Date.now() - 60 * 60_000;
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 20 }, { slot: "A2", quantity: 20 }], new Date(start))] });

    const minute = (n: number) => new Date(start + n * 60_000);
    const batch = {
      events: [
        vend("A1", { at: minute(1) }),
        vend("A1", { at: minute(2) }),
        vend("A2", { at: minute(3), method: "cash" }),
        vend("A1", { at: minute(4), ok: false, method: "card" }),
        vend("A2", { at: minute(5), ok: false, method: "wechat_pay" }),
        vend("A2", { at: minute(6) }),
      ],
    };
    // Each delivery is signed as its own request (the machine retries with the same webhook-id).
    const deliveries = await Promise.all(Array.from({ length: 50 }, () => sendEvents(t.db, m.machine.id, m.secret, batch, { webhookId: "retry-1" })));
    const statuses = deliveries.map((d) => d.status);
    // A delivery may only be refused by the rate limit (429); none fails.
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const accepted = deliveries.flatMap((d) => d.json.results ?? []).filter((r) => r.status === "accepted");
    expect(accepted).toHaveLength(batch.events.length);

    expect(await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).toHaveLength(6);
    const stock = Object.fromEntries(
      (await t.db.select().from(slots).where(eq(slots.machineId, m.machine.id))).map((s) => [s.code, s.stock]),
    );
    expect(stock).toMatchObject({ A1: 18, A2: 18 });
    const owed = await t.db.select().from(refunds).where(eq(refunds.orgId, m.org.id));
    expect(owed.map((r) => r.paymentMethod).sort()).toEqual(["card", "wechat_pay"]);
    expect(await t.db.select().from(stockDiscrepancies).where(eq(stockDiscrepancies.machineId, m.machine.id))).toHaveLength(0);
  });
});
