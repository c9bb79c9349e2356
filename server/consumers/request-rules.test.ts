import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, refundRequests, refunds } from "~/db/schema";
import { DemoProvider, createOrder } from "~/server/payments";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createUser } from "~/test/factories";
import { createMachineWithPlanogram, restock, sendEvents } from "~/test/machines";
import { hoursFrom, memberVend, report, sendAndFindSales } from "~/test/refund-requests";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
const demo = new DemoProvider();
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** An operator with a stocked machine (heartbeat sent, so it takes online orders) and a consumer. */
async function operator(rule: boolean) {
  const m = await createMachineWithPlanogram(t.db);
  await sendEvents(t.db, m.machine.id, m.secret, {
    events: [{ ...restock([{ slot: "A1", quantity: 9 }, { slot: "A2", quantity: 9 }], hoursFrom(new Date(), -1)) }, { id: `hb-${m.machine.id}`, type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} }],
  });
  if (rule) await callerFor(t.db, m.owner).refundRequests.updateSettings({ orgId: m.org.id, autoApproveFailedVends: true });
  const consumer = await createUser(t.db, { name: "Iris" });
  return { m, machine: { id: m.machine.id, secret: m.secret }, consumer };
}

/** The consumer buys A1 online; the machine reports it dispensed, then logs a failed vend for the same order. */
async function orderThatFailedLater(o: Awaited<ReturnType<typeof operator>>, failedAt = new Date()) {
  const { orderId } = await createOrder(t.db, { machineId: o.machine.id, slot: "A1", provider: demo, consumerId: o.consumer.id, baseUrl: "https://vendops.example" });
  const vended = memberVend("A1", { at: hoursFrom(failedAt, -0.01), method: "online", reference: orderId, orderId });
  const failed = memberVend("A1", { at: failedAt, ok: false, method: "online", reference: orderId, orderId });
  const found = await sendAndFindSales(t.db, o.machine, [vended, failed]);
  return { orderId, sale: found.get(vended.id)!, failedSale: found.get(failed.id)! };
}

const refundsOf = (saleIds: string[]) => t.db.select().from(refunds).where(inArray(refunds.saleId, saleIds));

describe("the rule that approves a request the machine's log proves", () => {
  it("is off by default: a matching request waits for a person", async () => {
    const o = await operator(false);
    expect(await callerFor(t.db, o.m.owner).refundRequests.settings({ orgId: o.m.org.id })).toMatchObject({ autoApproveFailedVends: false });
    const { sale, failedSale } = await orderThatFailedLater(o);
    const request = await report(t.db, o.consumer.id, sale.id);
    expect(request).toMatchObject({ status: "pending", autoApproved: false });
    expect(await refundsOf([sale.id, failedSale.id])).toEqual([]);
  });

  it("only admins switch it; the change is audited", async () => {
    const o = await operator(false);
    const manager = await addMember(t.db, o.m.org.id, "manager");
    expect((await callError(callerFor(t.db, manager).refundRequests.updateSettings({ orgId: o.m.org.id, autoApproveFailedVends: true }))).code).toBe("FORBIDDEN");
    const admin = await addMember(t.db, o.m.org.id, "admin");
    const on = await callerFor(t.db, admin).refundRequests.updateSettings({ orgId: o.m.org.id, autoApproveFailedVends: true });
    expect(on).toMatchObject({ autoApproveFailedVends: true, updatedBy: admin.name });
    expect(await callerFor(t.db, manager).refundRequests.settings({ orgId: o.m.org.id })).toMatchObject({ autoApproveFailedVends: true });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, o.m.org.id), eq(auditLog.action, "refund_request.settings_updated")));
    expect(audit).toEqual([expect.objectContaining({ actorId: admin.id, data: { autoApproveFailedVends: true } })]);
    expect((await callError(callerFor(t.db, admin).refundRequests.updateSettings({ orgId: o.m.org.id, autoApproveFailedVends: "yes" as unknown as boolean }))).code).toBe("BAD_REQUEST");
  });

  it("when on, approves a matching request at once and refunds it once, with the system as actor", async () => {
    const o = await operator(true);
    const failedAt = new Date("2026-03-02T13:02:00.000Z"); // 14:02 in Berlin
    const { orderId, sale, failedSale } = await orderThatFailedLater(o, failedAt);
    const request = await report(t.db, o.consumer.id, sale.id);
    expect(request).toMatchObject({
      status: "approved",
      autoApproved: true,
      decidedBy: null,
      decisionReason: "The machine logged a failed vend for this purchase at 14:02 on 2 Mar 2026.",
    });
    const owed = await refundsOf([sale.id, failedSale.id]);
    expect(owed).toEqual([expect.objectContaining({ id: request.refundId, origin: "request", orderId, amountMinor: 250, consumerId: o.consumer.id, status: "pending" })]);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, o.m.org.id), eq(auditLog.targetId, request.id)));
    expect(audit.map((a) => [a.action, a.actorType]).sort()).toEqual([
      ["refund_request.approved", "system"],
      ["refund_request.created", "user"],
    ]);
    expect(audit.find((a) => a.action === "refund_request.approved")?.data).toMatchObject({ rule: "auto_approve_failed_vends", refundId: request.refundId });

    // Reporting again, or reporting the failed vend of the same order, refunds nothing more.
    await expect(report(t.db, o.consumer.id, sale.id)).rejects.toMatchObject({ kind: "CONFLICT" });
    await expect(report(t.db, o.consumer.id, failedSale.id)).rejects.toMatchObject({ kind: "CONFLICT" });
    expect(await refundsOf([sale.id, failedSale.id])).toHaveLength(1);
  });

  it("when on, leaves pending what the log does not prove, or what cannot be refunded electronically", async () => {
    const o = await operator(true);
    const at = hoursFrom(new Date(), -1);
    const fine = memberVend("A1", { at, consumerId: o.consumer.id, reference: "pi_fine" });
    // Someone else's failed vend at the same slot a minute later, with another payment.
    const other = memberVend("A1", { at: hoursFrom(at, 0.02), ok: false, method: "card", reference: "pi_other", price: 0 });
    // A failed dispense the machine logged for the same payment, without charging again.
    const proven = memberVend("A2", { at, consumerId: o.consumer.id, reference: "pi_proven" });
    const provenFailure = memberVend("A2", { at: hoursFrom(at, 0.05), ok: false, reference: "pi_proven", price: 0 });
    const cash = memberVend("A2", { at: hoursFrom(at, 0.5), consumerId: o.consumer.id, ok: false, method: "cash" });
    const found = await sendAndFindSales(t.db, o.machine, [fine, other, proven, provenFailure, cash]);

    expect(await report(t.db, o.consumer.id, found.get(fine.id)!.id)).toMatchObject({ status: "pending" });
    expect(await report(t.db, o.consumer.id, found.get(proven.id)!.id)).toMatchObject({ status: "approved", autoApproved: true });
    // Cash is paid back by hand at the machine: a person decides.
    expect(await report(t.db, o.consumer.id, found.get(cash.id)!.id)).toMatchObject({ status: "pending" });
    const owed = await refundsOf([...found.values()].map((s) => s.id));
    expect(owed).toEqual([expect.objectContaining({ saleId: found.get(proven.id)!.id, origin: "request" })]);
  });

  it("two requests at once for one purchase, or for two vends of one order, make one refund", async () => {
    const o = await operator(true);
    const first = await orderThatFailedLater(o);
    const same = await Promise.allSettled([report(t.db, o.consumer.id, first.sale.id), report(t.db, o.consumer.id, first.sale.id)]);
    expect(same.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(same.find((r) => r.status === "rejected")).toMatchObject({ reason: { kind: "CONFLICT" } });
    expect(await refundsOf([first.sale.id, first.failedSale.id])).toHaveLength(1);

    const second = await orderThatFailedLater(o);
    const both = await Promise.allSettled([report(t.db, o.consumer.id, second.sale.id), report(t.db, o.consumer.id, second.failedSale.id)]);
    const made = both.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(made.filter((r) => r.status === "approved")).toHaveLength(1);
    expect(await refundsOf([second.sale.id, second.failedSale.id])).toHaveLength(1);
    const rows = await t.db.select().from(refundRequests).where(inArray(refundRequests.saleId, [second.sale.id, second.failedSale.id]));
    expect(rows.filter((r) => r.status === "approved")).toHaveLength(1);
    expect(rows.filter((r) => r.refundId !== null)).toHaveLength(1);
  });
});
