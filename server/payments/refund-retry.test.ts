import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog, notificationDeliveries, organizations, refunds } from "~/db/schema";
import { createEndpoint } from "~/server/notifications";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { FakeStripe } from "~/test/fake-stripe";
import { addMember, callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, sendEvents, vend } from "~/test/machines";
import { processDueRefunds } from "./refund-queue";
import { StripeProvider } from "./stripe";

let t: TestDatabase;
let stripe: FakeStripe;
let provider: StripeProvider;
beforeAll(async () => {
  t = await createTestDatabase();
  stripe = await new FakeStripe().start();
  provider = new StripeProvider({ secretKey: "sk_test_vendops", apiUrl: stripe.url, timeoutMs: 300 });
});
afterAll(async () => {
  await stripe.stop();
  await t.drop();
});

/** A machine of an org that prices in `currency`, and a failed vend of `priceMinor` paid with `method`. */
async function failedVendIn(currency: string, priceMinor: number, method: "card" | "cash") {
  const m = await createMachineWithPlanogram(t.db);
  await t.db.update(organizations).set({ currency }).where(eq(organizations.id, m.org.id));
  const failed = vend("A1", { ok: false, method, price: priceMinor });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...failed, data: { ...failed.data, currency } }] });
  return m;
}

describe("retrying a refund that gave up", () => {
  it("resolves its alert through the lifecycle: resolution, timeline entry by the person, audit and the alert.resolved webhook", async () => {
    // The fake Stripe does not know the sale's payment: the provider refuses for good, the worker gives up.
    const m = await failedVendIn("JPY", 1250, "card");
    const orgId = m.org.id;
    await asOwner(t.db, orgId, m.owner.id, (ctx) => createEndpoint(ctx, { url: "http://127.0.0.1:9/hooks", eventTypes: ["alert.resolved"] }));
    expect(await processDueRefunds(t.db, { provider })).toMatchObject({ failed: 1 });
    const [refund] = await t.db.select().from(refunds).where(eq(refunds.orgId, orgId));
    const [raised] = await t.db.select().from(alerts).where(and(eq(alerts.orgId, orgId), eq(alerts.rule, "refund_failed")));
    expect(raised).toMatchObject({ status: "open", code: refund!.id });
    // Yen have no minor digits: 1250 minor units are 1,250 yen, not 12.50.
    expect(raised!.message).toMatch(/^A refund of 1,250 JPY could not be sent after 1 attempt\(s\): /);

    const manager = await addMember(t.db, orgId, "manager");
    const caller = callerFor(t.db, manager);
    expect(await caller.refunds.retry({ orgId, refundId: refund!.id })).toEqual({ refundId: refund!.id, status: "pending" });

    const detail = await caller.alerts.get({ orgId, alertId: raised!.id });
    expect(detail.alert).toMatchObject({ status: "resolved", resolution: "manual", resolvedAt: expect.any(Date) });
    expect(detail.timeline.at(-1)).toMatchObject({ type: "resolved", actorType: "user", actorId: manager.id, data: { note: "The refund is being sent again." } });
    const hooks = await t.db
      .select({ eventType: notificationDeliveries.eventType, payload: notificationDeliveries.payload })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.orgId, orgId), eq(notificationDeliveries.channel, "webhook"), eq(notificationDeliveries.alertId, raised!.id)));
    expect(hooks).toEqual([{ eventType: "alert.resolved", payload: expect.objectContaining({ type: "alert.resolved", data: expect.objectContaining({ id: raised!.id, status: "resolved" }) }) }]);
    const actions = (await t.db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.orgId, orgId))).filter((a) => a.actorId === manager.id);
    expect(actions.map((a) => a.action).sort()).toEqual(["alert.resolved", "refund.retried"]);

    // Given up on again, the same refund raises a new alert rather than leaving the resolved one closed.
    expect(await processDueRefunds(t.db, { provider })).toMatchObject({ failed: 1 });
    const open = await t.db.select().from(alerts).where(and(eq(alerts.orgId, orgId), eq(alerts.rule, "refund_failed"), eq(alerts.status, "open")));
    expect(open).toHaveLength(1);
  });
});

describe("amounts in stored alert messages", () => {
  it("are written in the currency's own precision, grouped, with its code", async () => {
    const m = await failedVendIn("KWD", 1_234_500, "cash");
    const [owed] = await t.db.select().from(alerts).where(and(eq(alerts.orgId, m.org.id), eq(alerts.rule, "cash_refund_owed")));
    expect(owed!.message).toBe("A cash vend failed at slot A1: 1,234.500 KWD is owed back in cash.");
  });
});
