import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { memberContext, type ServiceCtx } from "~/server/context";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, restock } from "~/test/machines";
import { faultEvent, hoursFrom, memberVend, report, sendAndFindSales } from "~/test/refund-requests";
import { decideRefundRequest, listRefundRequests } from "./requests";
import { refundSale } from "./sale-refunds";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/**
 * An operator whose consumer bought a cola at `at` and reported it, with a consumer history and a
 * machine log around the purchase: some events inside the evidence window, some outside.
 */
async function scene(at: Date) {
  const m = await createMachineWithPlanogram(t.db);
  const machine = { id: m.machine.id, secret: m.secret };
  const alice = await createUser(t.db, { name: "Alice" });
  const earlier = [memberVend("A1", { at: hoursFrom(at, -3.5), consumerId: alice.id }), memberVend("B1", { at: hoursFrom(at, -3.4), consumerId: alice.id, price: 180 })];
  const inside = [
    memberVend("A1", { at: hoursFrom(at, -0.5), ok: false, method: "cash" }),
    faultEvent("COIN_JAM", hoursFrom(at, 1)),
  ];
  const outside = [faultEvent("DOOR_SENSOR", hoursFrom(at, -2.5)), memberVend("A1", { at: hoursFrom(at, 2.5), ok: false, method: "cash" })];
  const otherSlot = memberVend("A2", { at: hoursFrom(at, -0.2), ok: false, method: "cash" });
  const purchase = memberVend("A1", { at, consumerId: alice.id });
  const found = await sendAndFindSales(t.db, machine, [restock([{ slot: "A1", quantity: 8 }, { slot: "A2", quantity: 8 }, { slot: "B1", quantity: 8 }], hoursFrom(at, -4)), ...earlier, ...outside, ...inside, otherSlot, purchase]);
  // Her history: one earlier request rejected, the other purchase refunded by hand.
  const rejected = await report(t.db, alice.id, found.get(earlier[0]!.id)!.id, "The can was warm");
  await asOwner(t.db, m.org.id, m.owner.id, (ctx) => decideRefundRequest(ctx, { requestId: rejected.id, decision: "reject", reason: "The cooler logged 5 °C" }));
  await asOwner(t.db, m.org.id, m.owner.id, (ctx) => refundSale(ctx, { saleId: found.get(earlier[1]!.id)!.id, reason: "Bar was broken" }));
  const request = await report(t.db, alice.id, found.get(purchase.id)!.id);
  return { m, alice, request, ids: { inside: inside.map((e) => e.id), outside: [...outside.map((e) => e.id), otherSlot.id], purchase: purchase.id } };
}

/** A context whose database counts the queries it is asked to run. */
function counting(ctx: ServiceCtx): { ctx: ServiceCtx; queries: () => number } {
  let n = 0;
  const db = new Proxy(ctx.db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if ((key === "select" || key === "execute") && typeof value === "function") {
        return (...args: unknown[]) => {
          n++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  }) as Db;
  return { ctx: { ...ctx, db }, queries: () => n };
}

describe("the evidence of a pending request", () => {
  it("shows the consumer's history and the machine's log around the purchase, nothing outside the window", async () => {
    const at = hoursFrom(new Date(), -3);
    const { m, request, ids } = await scene(at);
    const list = await callerFor(t.db, m.owner).refundRequests.list({ orgId: m.org.id });
    const row = list.find((r) => r.id === request.id)!;
    expect(row.status).toBe("pending");
    const evidence = row.evidence!;
    expect(evidence.consumer).toMatchObject({ purchases: 3, failedPurchases: 0, spentMinor: 680, requests: 1, approved: 0, rejected: 1, refunds: 1, refundedMinor: 180 });
    expect(evidence.consumer.recentPurchases).toHaveLength(2);
    expect(evidence.consumer.recentPurchases.map((p) => p.product)).toEqual(["Chocolate bar", "Cola 0.33 l"]);
    expect(evidence.consumer.recentRequests).toEqual([expect.objectContaining({ status: "rejected", decisionReason: "The cooler logged 5 °C", reason: "The can was warm" })]);
    expect(evidence.consumer.recentRefunds).toEqual([expect.objectContaining({ amountMinor: 180, origin: "manual", status: "pending" })]);
    expect(evidence.consumer.recentRequests[0]!.at).toBeInstanceOf(Date);

    const seen = evidence.machine.events.map((e) => e.eventId);
    expect(seen.sort()).toEqual([...ids.inside].sort());
    for (const id of ids.outside) expect(seen).not.toContain(id);
    expect(evidence.machine).toMatchObject({ failedVends: 1, faults: 1, stockDiscrepancies: 0 });
    expect(evidence.machine.events.find((e) => e.type === "vend.failed")).toMatchObject({ slot: "A1", reason: "jammed", thisPurchase: false });
    expect(evidence.machine.events.find((e) => e.type === "machine.fault")).toMatchObject({ code: "COIN_JAM", message: "Fault COIN_JAM" });
    // The fault's alert and the cash refund owed at the slot are shown; the fault outside the window is not.
    expect(evidence.machine.alerts.map((a) => a.code).sort()).toEqual(["COIN_JAM", "cash_refund_owed"]);
    // A purchase that succeeded, next to someone else's failed vend: nothing the rule counts.
    expect(evidence.failedVendAt).toBeNull();
  });

  it("reads the evidence of the whole list in one query, and never another org's data", async () => {
    const at = hoursFrom(new Date(), -3);
    const a = await scene(at);
    const b = await scene(at);
    // A second and third pending request of org A.
    const bob = await createUser(t.db);
    const more = [memberVend("A2", { at, consumerId: bob.id }), memberVend("B1", { at, consumerId: bob.id, ok: false, method: "cash" })];
    const found = await sendAndFindSales(t.db, { id: a.m.machine.id, secret: a.m.secret }, more);
    for (const e of more) await report(t.db, bob.id, found.get(e.id)!.id);

    const { rows, queries } = await withTenant(t.db, { orgId: a.m.org.id, userId: a.m.owner.id }, async (tx) => {
      const counted = counting(memberContext(tx, { orgId: a.m.org.id, role: "owner", userId: a.m.owner.id, name: "Owner" }));
      return { rows: await listRefundRequests(counted.ctx), queries: counted.queries() };
    });
    const pending = rows.filter((r) => r.status === "pending");
    expect(pending).toHaveLength(3);
    expect(pending.every((r) => r.evidence !== null)).toBe(true);
    expect(rows.filter((r) => r.status !== "pending").every((r) => r.evidence === null)).toBe(true);
    expect(queries).toBe(2);

    const failed = pending.find((r) => r.slotCode === "B1")!;
    expect(failed.evidence!.failedVendAt?.toISOString()).toBe(at.toISOString());
    expect(failed.evidence!.machine.events).toEqual([
      expect.objectContaining({ type: "vend.failed", slot: "B1", thisPurchase: true }),
      expect.objectContaining({ type: "machine.fault", code: "COIN_JAM" }),
    ]);
    expect(failed.evidence!.consumer).toMatchObject({ purchases: 2, failedPurchases: 1, requests: 1 });

    // Org B's machine log, consumers and alerts never show in A's evidence.
    const bRows = await callerFor(t.db, b.m.owner).refundRequests.list({ orgId: b.m.org.id });
    const bEvents = new Set(bRows.flatMap((r) => r.evidence?.machine.events.map((e) => e.eventId) ?? []));
    const bAlerts = new Set(bRows.flatMap((r) => r.evidence?.machine.alerts.map((x) => x.id) ?? []));
    for (const r of pending) {
      for (const e of r.evidence!.machine.events) expect(bEvents.has(e.eventId)).toBe(false);
      for (const x of r.evidence!.machine.alerts) expect(bAlerts.has(x.id)).toBe(false);
    }
    const mine = pending.find((r) => r.id === a.request.id)!;
    expect(mine.evidence!.consumer).toMatchObject({ purchases: 3, requests: 1, refunds: 1 });
    expect(bRows.map((r) => r.id)).not.toContain(a.request.id);
  });
});
