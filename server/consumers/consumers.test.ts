import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog, loyaltyMembers, orders, pointEntries, refundRequests, refunds, sales } from "~/db/schema";
import { withConsumer, withTenant } from "~/db/tenant";
import { consumerSelfContext } from "~/server/context";
import { DemoProvider } from "~/server/payments";
import { retryRefund } from "~/server/payments";
import { createOrder } from "~/server/payments";
import { processDueRefunds } from "~/server/payments";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { createPaymentsFixture } from "~/test/payments";
import { callError } from "~/test/trpc-errors";
import { pointsFor, tierFor, updateLoyaltyProgram } from "./loyalty";
import { claimOrder } from "./order-claims";
import { getReceipt, listMemberships, listPurchases } from "./purchases";
import { decideRefundRequest, listMyRequests, reportProblem } from "./requests";
import { refundSale } from "./sale-refunds";

let t: TestDatabase;
const demo = new DemoProvider();
const baseUrl = "https://vendops.example";
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const heartbeat = () => ({ id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} });

/** An operator with an online machine (A1 stocked) and a membership program: 10 points per unit, Silver at 20, Gold at 100. */
async function operator() {
  const m = await createMachineWithPlanogram(t.db);
  await sendEvents(t.db, m.machine.id, m.secret, {
    events: [heartbeat(), { id: eventId(), type: "inventory.restocked", occurredAt: new Date().toISOString(), data: { slots: [{ slot: "A1", quantity: 9 }] } }],
  });
  await asOwner(t.db, m.org.id, m.owner.id, (ctx) =>
    updateLoyaltyProgram(ctx, { enabled: true, pointsPerUnit: 10, tiers: [{ name: "Gold", minPoints: 100 }, { name: "Silver", minPoints: 20 }] }),
  );
  return m;
}

/** A consumer buys A1 online and the machine dispenses (or fails) it. */
async function buy(m: Awaited<ReturnType<typeof operator>>, consumerId: string | null, ok = true) {
  const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId, baseUrl });
  const v = vend("A1", { ok, method: "online" });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...v, data: { ...v.data, orderId, payment: { method: "online", reference: orderId } } }] });
  const [order] = await t.db.select().from(orders).where(eq(orders.id, orderId));
  return order!;
}

describe("loyalty arithmetic", () => {
  it("counts whole currency units by the currency's own minor unit, and finds the tier", () => {
    expect(pointsFor(250, "EUR", 10)).toBe(25);
    expect(pointsFor(199, "USD", 1)).toBe(1);
    expect(pointsFor(300, "JPY", 1)).toBe(300);
    expect(pointsFor(1500, "KWD", 2)).toBe(3);
    const tiers = [{ name: "Silver", minPoints: 20 }, { name: "Gold", minPoints: 100 }];
    expect(tierFor(19, tiers)).toBeNull();
    expect(tierFor(20, tiers)?.name).toBe("Silver");
    expect(tierFor(250, tiers)?.name).toBe("Gold");
  });
});

describe("the consumer's bill", () => {
  it("shows a consumer's purchases across operators, and nobody else's", async () => {
    const first = await operator();
    const second = await operator();
    const alice = await createUser(t.db, { name: "Alice" });
    const bob = await createUser(t.db, { name: "Bob" });
    await buy(first, alice.id);
    const failed = await buy(second, alice.id, false);
    await buy(first, bob.id);
    // A vend a machine credits to Alice through her member id.
    const v = vend("A1", { ok: true, method: "card" });
    await sendEvents(t.db, second.machine.id, second.secret, { events: [{ ...v, data: { ...v.data, consumerId: alice.id } }] });
    await processDueRefunds(t.db, { provider: demo });

    const { purchases } = await listPurchases(consumerSelfContext(t.db, alice.id));
    expect(purchases).toHaveLength(3);
    expect(new Set(purchases.map((p) => p.operator))).toEqual(new Set([first.org.name, second.org.name]));
    const refunded = purchases.find((p) => p.orderId === failed.id)!;
    expect(refunded).toMatchObject({ status: "not_dispensed", machineName: "Station hall 1", location: "Main station", product: "Cola 0.33 l", refund: { status: "succeeded", amountMinor: 250 } });
    expect(purchases.filter((p) => p.status === "dispensed")).toHaveLength(2);
    expect((await listPurchases(consumerSelfContext(t.db, bob.id))).purchases).toHaveLength(1);

    // The database itself confines a consumer to their own rows, even with no filter in the query.
    const seen = await withConsumer(t.db, bob.id, async (tx) => ({
      sales: await tx.select({ consumerId: sales.consumerId }).from(sales),
      orders: await tx.select({ consumerId: orders.consumerId }).from(orders),
      refunds: await tx.select({ id: refunds.id }).from(refunds),
      members: await tx.select({ consumerId: loyaltyMembers.consumerId }).from(loyaltyMembers),
    }));
    expect(seen.sales.every((s) => s.consumerId === bob.id)).toBe(true);
    expect(seen.sales).toHaveLength(1);
    expect(seen.orders.every((o) => o.consumerId === bob.id)).toBe(true);
    expect(seen.refunds).toEqual([]);
    expect(seen.members).toEqual([{ consumerId: bob.id }]);
    // ...and cannot write anything directly.
    await expect(withConsumer(t.db, bob.id, (tx) => tx.update(sales).set({ consumerId: bob.id }).where(sql`true`).returning())).resolves.toEqual([]);

    // A receipt is the owner's only.
    const receipt = await getReceipt(consumerSelfContext(t.db, alice.id), { purchaseId: refunded.id });
    expect(receipt).toMatchObject({ operator: second.org.name, pointsEarned: 0, refund: { status: "succeeded" } });
    await expect(getReceipt(consumerSelfContext(t.db, bob.id), { purchaseId: refunded.id })).rejects.toMatchObject({ kind: "NOT_FOUND" });
  });

  it("pages through a long bill newest first", async () => {
    const m = await operator();
    const carol = await createUser(t.db);
    for (let i = 0; i < 5; i++) await buy(m, carol.id);
    const first = await listPurchases(consumerSelfContext(t.db, carol.id), { limit: 2 });
    const second = await listPurchases(consumerSelfContext(t.db, carol.id), { limit: 2, cursor: first.nextCursor });
    const third = await listPurchases(consumerSelfContext(t.db, carol.id), { limit: 2, cursor: second.nextCursor });
    const all = [...first.purchases, ...second.purchases, ...third.purchases];
    expect(all).toHaveLength(5);
    expect(new Set(all.map((p) => p.id)).size).toBe(5);
    expect(third.nextCursor).toBeUndefined();
    for (const cursor of ["garbage", "2026-02-30T00:00:00.000Z|sal_x"]) {
      await expect(listPurchases(consumerSelfContext(t.db, carol.id), { cursor })).rejects.toMatchObject({ issues: [{ path: ["cursor"], message: "The page cursor is not valid; start again from the first page." }] });
    }
  });
});

describe("membership", () => {
  it("credits points on successful vends, shows balance and tier, and takes them back on a refund", async () => {
    const m = await operator();
    const dana = await createUser(t.db);
    const a = await buy(m, dana.id);
    await buy(m, dana.id);
    await buy(m, dana.id, false);
    expect(await listMemberships(consumerSelfContext(t.db, dana.id))).toEqual([
      expect.objectContaining({ orgId: m.org.id, operator: m.org.name, points: 50, tier: "Silver", nextTier: { name: "Gold", minPoints: 100 } }),
    ]);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => refundSale(ctx, { saleId: a.saleId!, reason: "Warm drink" }));
    expect((await listMemberships(consumerSelfContext(t.db, dana.id)))[0]).toMatchObject({ points: 25, tier: "Silver" });
    const ledger = await t.db.select().from(pointEntries).where(eq(pointEntries.saleId, a.saleId!));
    expect(ledger.map((e) => [e.kind, e.points]).sort()).toEqual([
      ["earn", 25],
      ["reverse", -25],
    ]);
  });

  it("lets a guest claim an order later: it joins the account and earns its points, once", async () => {
    const m = await operator();
    const guestOrder = await buy(m, null);
    const erin = await createUser(t.db);
    const frank = await createUser(t.db);
    expect(await claimOrder(consumerSelfContext(t.db, erin.id), { orderId: guestOrder.id })).toEqual({ orderId: guestOrder.id, claimed: true });
    expect(await claimOrder(consumerSelfContext(t.db, erin.id), { orderId: guestOrder.id })).toEqual({ orderId: guestOrder.id, claimed: false });
    await expect(claimOrder(consumerSelfContext(t.db, frank.id), { orderId: guestOrder.id })).rejects.toMatchObject({ kind: "CONFLICT" });
    await expect(claimOrder(consumerSelfContext(t.db, frank.id), { orderId: "ord_nope" })).rejects.toMatchObject({ kind: "NOT_FOUND" });
    expect((await listPurchases(consumerSelfContext(t.db, erin.id))).purchases.map((p) => p.orderId)).toEqual([guestOrder.id]);
    expect((await listPurchases(consumerSelfContext(t.db, frank.id))).purchases).toEqual([]);
    expect((await listMemberships(consumerSelfContext(t.db, erin.id)))[0]?.points).toBe(25);
  });

  it("validates the program an admin sets", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const failure = await callError(
      callerFor(t.db, m.owner).loyalty.update({ orgId: m.org.id, enabled: true, pointsPerUnit: -1, tiers: [{ name: "Gold", minPoints: 10 }, { name: "gold", minPoints: 10 }] }),
    );
    expect(failure.code).toBe("BAD_REQUEST");
    expect(Object.keys(failure.fieldErrors ?? {}).sort()).toEqual(expect.arrayContaining(["pointsPerUnit"]));
  });
});

describe("refund requests", () => {
  it("a consumer reports a problem; a manager approves it, which refunds once and tells the consumer", async () => {
    const m = await operator();
    const gina = await createUser(t.db);
    const order = await buy(m, gina.id);
    const request = await reportProblem(consumerSelfContext(t.db, gina.id), { saleId: order.saleId!, reason: "The can was empty" });
    await expect(reportProblem(consumerSelfContext(t.db, gina.id), { saleId: order.saleId!, reason: "Still empty!" })).rejects.toMatchObject({ kind: "CONFLICT" });
    const stranger = await createUser(t.db);
    await expect(reportProblem(consumerSelfContext(t.db, stranger.id), { saleId: order.saleId!, reason: "Not mine but hey" })).rejects.toMatchObject({ kind: "NOT_FOUND" });

    const decided = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => decideRefundRequest(ctx, { requestId: request.id, decision: "approve" }));
    expect(decided).toMatchObject({ status: "approved", decidedBy: m.owner.id });
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => decideRefundRequest(ctx, { requestId: request.id, decision: "reject", reason: "Changed my mind" }))).rejects.toMatchObject({
      kind: "CONFLICT",
    });
    const owed = await t.db.select().from(refunds).where(eq(refunds.saleId, order.saleId!));
    expect(owed).toEqual([expect.objectContaining({ origin: "request", amountMinor: 250, orderId: order.id, consumerId: gina.id })]);
    await processDueRefunds(t.db, { provider: demo });
    expect(await listMyRequests(consumerSelfContext(t.db, gina.id))).toEqual([expect.objectContaining({ id: request.id, status: "approved", refundStatus: "succeeded" })]);
    expect(await listMyRequests(consumerSelfContext(t.db, stranger.id))).toEqual([]);
  });

  it("a rejection needs a reason, which the consumer sees", async () => {
    const m = await operator();
    const hal = await createUser(t.db);
    const order = await buy(m, hal.id);
    const request = await reportProblem(consumerSelfContext(t.db, hal.id), { saleId: order.saleId!, reason: "It tasted odd" });
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => decideRefundRequest(ctx, { requestId: request.id, decision: "reject" }))).rejects.toMatchObject({
      kind: "BAD_REQUEST",
      fieldErrors: { reason: ["Give a reason (at least 3 characters)"] },
    });
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => decideRefundRequest(ctx, { requestId: request.id, decision: "reject", reason: "The product was in date" }));
    expect(await listMyRequests(consumerSelfContext(t.db, hal.id))).toEqual([expect.objectContaining({ status: "rejected", decisionReason: "The product was in date", refundStatus: null })]);
    expect(await t.db.select().from(refunds).where(eq(refunds.saleId, order.saleId!))).toEqual([]);
  });

  it("an operator sees only its own requests, and cannot decide another's", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createMachineWithPlanogram(t.db);
    const fa = await createPaymentsFixture(t.db, a.org.id, a.machine.id);
    await createPaymentsFixture(t.db, b.org.id, b.machine.id);
    const listB = await callerFor(t.db, b.owner).refundRequests.list({ orgId: b.org.id });
    expect(listB).toHaveLength(1);
    expect(listB.map((r) => r.id)).not.toContain(fa.requestId);
    const failure = await callError(callerFor(t.db, b.owner).refundRequests.decide({ orgId: b.org.id, requestId: fa.requestId, decision: "approve" }));
    expect(failure.code).toBe("NOT_FOUND");
    const [still] = await t.db.select().from(refundRequests).where(eq(refundRequests.id, fa.requestId));
    expect(still?.status).toBe("pending");
  });
});

describe("refunds by hand", () => {
  it("retries a failed refund from a fresh count, closes its alert and audits it", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const f = await createPaymentsFixture(t.db, m.org.id, m.machine.id);
    await withTenant(t.db, { orgId: m.org.id }, (tx) =>
      tx.insert(alerts).values({ id: "alr_retry_test_" + f.failedRefundId.slice(-6), orgId: m.org.id, machineId: m.machine.id, rule: "refund_failed", code: f.failedRefundId, severity: "critical", firstSeenAt: new Date(), lastSeenAt: new Date() }),
    );
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => retryRefund(ctx, { refundId: f.failedRefundId }));
    const [refund] = await t.db.select().from(refunds).where(eq(refunds.id, f.failedRefundId));
    expect(refund).toMatchObject({ status: "pending", attempts: 0 });
    const [alert] = await t.db.select().from(alerts).where(and(eq(alerts.orgId, m.org.id), eq(alerts.code, f.failedRefundId)));
    expect(alert?.status).toBe("resolved");
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => retryRefund(ctx, { refundId: f.failedRefundId }))).rejects.toMatchObject({ kind: "CONFLICT" });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "refund.retried")));
    expect(audit).toEqual([expect.objectContaining({ actorId: m.owner.id, targetId: f.failedRefundId })]);
  });

  it("refunds an electronic sale once, and refuses cash and repeats with a reason", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const f = await createPaymentsFixture(t.db, m.org.id, m.machine.id);
    const refund = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => refundSale(ctx, { saleId: f.saleId, reason: "Complaint by phone" }));
    expect(refund).toMatchObject({ origin: "manual", amountMinor: 250, status: "pending" });
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => refundSale(ctx, { saleId: f.saleId, reason: "Again" }))).rejects.toMatchObject({
      kind: "CONFLICT",
      message: "This sale has already been refunded.",
    });
    const cash = vend("A1", { ok: true, method: "cash" });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [cash] });
    const [cashSale] = await t.db.select().from(sales).where(and(eq(sales.machineId, m.machine.id), eq(sales.eventId, cash.id)));
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => refundSale(ctx, { saleId: cashSale!.id, reason: "Coins stuck" }))).rejects.toMatchObject({
      kind: "CONFLICT",
      message: "This sale was paid in cash: pay it back by hand at the machine.",
    });
  });
});
