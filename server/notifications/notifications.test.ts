import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machines, notificationDeliveries, webhookEndpoints } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { fault, heartbeat, inboxOf, minutesAgo } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { asOwner, createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { registerMachine } from "~/server/fleet";
import { sendDueDeliveries } from "./deliveries";
import { sweepOfflineMachines } from "~/server/alerts";
import { jobContext } from "~/server/context";
import { createEndpoint, listDeliveries } from "./webhook-endpoints";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** A local HTTP receiver that records requests and answers with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function setup(url: string, eventTypes: ("alert.raised" | "alert.resolved")[] = []) {
  const m = await createMachineWithPlanogram(t.db);
  const { endpoint, secret } = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url, description: "Ops hooks", eventTypes }));
  return { ...m, endpoint, hookSecret: secret };
}

/** Makes every pending delivery due now (instead of waiting out the backoff). */
const makeDue = () => t.db.update(notificationDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(notificationDeliveries.status, "pending"));

describe("outbound webhooks", () => {
  it("delivers alert events signed under the endpoint's own secret, verified by the standardwebhooks library", async () => {
    const hook = await receiver([204]);
    try {
      const m = await setup(hook.url);
      await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("CARD_READER", "warning")] });
      const sent = await sendDueDeliveries(t.db);
      expect(sent).toMatchObject({ delivered: 1 });
      expect(hook.received).toHaveLength(1);
      const { headers, body } = hook.received[0]!;
      const event = new Webhook(m.hookSecret).verify(body, headers as Record<string, string>) as { type: string; data: { rule: string; code: string; machineId: string } };
      expect(event).toMatchObject({ type: "alert.raised", data: { rule: "machine_fault", code: "CARD_READER", machineId: m.machine.id } });
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(body, headers as Record<string, string>)).toThrow();

      const log = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listDeliveries(ctx, { endpointId: m.endpoint.id }));
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ eventType: "alert.raised", status: "delivered", attempts: 1, responseStatus: 204, lastError: null });
      expect(log[0]!.latencyMs).toBeGreaterThanOrEqual(0);
      // Nothing left to send: a second sweep sends nothing again.
      expect((await sendDueDeliveries(t.db)).claimed).toBe(0);
    } finally {
      await hook.close();
    }
  });

  it("retries a receiver answering 500 with backoff, and logs each outcome", async () => {
    const hook = await receiver([500, 200]);
    try {
      const m = await setup(hook.url, ["alert.raised"]);
      await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COIN_JAM")] });
      await sendDueDeliveries(t.db);
      let [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.endpointId, m.endpoint.id));
      expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, lastError: "The endpoint answered 500." });
      expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
      // Not due yet: nothing is sent.
      expect((await sendDueDeliveries(t.db)).claimed).toBe(0);
      await makeDue();
      await sendDueDeliveries(t.db);
      [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.endpointId, m.endpoint.id));
      expect(row).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 200, lastError: null });
      expect(hook.received).toHaveLength(2);
      // The same message id both times, so the receiver can dedupe.
      expect(hook.received[0]!.headers["webhook-id"]).toBe(hook.received[1]!.headers["webhook-id"]);
    } finally {
      await hook.close();
    }
  });

  it("disables the endpoint after persistent failure; deliveries wait until it is enabled by hand", async () => {
    const hook = await receiver([503]);
    try {
      const m = await setup(hook.url);
      await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COIN_JAM")] });
      for (let i = 0; i < 3; i++) {
        await makeDue();
        await sendDueDeliveries(t.db, { maxAttempts: 3 });
      }
      const [endpoint] = await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, m.endpoint.id));
      expect(endpoint).toMatchObject({ enabled: false });
      expect(endpoint!.disabledReason).toContain("Disabled after 3 failed attempts");
      const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.endpointId, m.endpoint.id));
      expect(row).toMatchObject({ status: "failed", attempts: 3, responseStatus: 503 });
      expect(endpoint!.disabledReason).toBe(`Disabled after 3 failed attempts to deliver ${row!.id}: The endpoint answered 503.`);
      // The page reads why in its language.
      const [zh] = await createCaller(createTrpcContext({ db: t.db, user: m.owner, locale: "zh-CN" })).webhooks.list({ orgId: m.org.id });
      expect(zh!.disabledReason).toBe(`投递 ${row!.id} 失败 3 次后已停用：端点返回了 503。`);

      // A disabled endpoint gets nothing new.
      await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("BILL_VALIDATOR")] });
      expect(await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.endpointId, m.endpoint.id))).toHaveLength(1);
      expect(hook.received).toHaveLength(3);
      // Enabled again by hand: the delivery that gave up gets another round.
      await callerFor(t.db, m.owner).webhooks.setEnabled({ orgId: m.org.id, endpointId: m.endpoint.id, enabled: true });
      const [again] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.endpointId, m.endpoint.id));
      expect(again).toMatchObject({ status: "pending", attempts: 0 });
      await sendDueDeliveries(t.db);
      expect(hook.received).toHaveLength(4);
    } finally {
      await hook.close();
    }
  });
});

describe("e-mail", () => {
  it("a real local SMTP server receives the alert mail of a member who wants critical alerts by e-mail", async () => {
    const mails: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      const m = await createMachineWithPlanogram(t.db);
      const quiet = await addMember(t.db, m.org.id, "technician");
      await callerFor(t.db, quiet).notifications.updatePreferences({ orgId: m.org.id, inAppMinSeverity: "off", emailMinSeverity: "off" });
      await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COOLING", "critical")] });
      const port = (smtp.server.address() as AddressInfo).port;
      const sent = await sendDueDeliveries(t.db, { smtpUrl: `smtp://127.0.0.1:${port}` });
      expect(sent).toMatchObject({ delivered: 1 });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([m.owner.email]);
      expect(mails[0]!.data).toContain("Subject: [VendOps] Machine fault COOLING on Station hall 1");
      expect(mails[0]!.data).toContain(`/alerts/`);
      expect(await inboxOf(t.db, m.org.id, quiet.id)).toHaveLength(0);
      expect(await inboxOf(t.db, m.org.id, m.owner.id)).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("without SMTP configured, e-mail deliveries are cancelled with the reason in the log", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [heartbeat({ temperatureC: 5 }), fault("COOLING", "critical")] });
    await sendDueDeliveries(t.db);
    const [row] = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.orgId, m.org.id));
    expect(row).toMatchObject({ channel: "email", status: "cancelled", lastError: "E-mail is not configured on this deployment (SMTP_URL)." });
  });
});

describe("in-app notifications", () => {
  it("many machines going offline at once make one summary per member, not one each", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, async (ctx) => {
      for (let i = 0; i < 4; i++) await registerMachine(ctx, { name: `Hall ${i + 2}`, serial: `SN-X-${i}-${m.org.id.slice(-5)}` });
    });
    await t.db.update(machines).set({ lastSeenAt: minutesAgo(60) }).where(eq(machines.orgId, m.org.id));
    await withTenant(t.db, { orgId: m.org.id }, (tx) => sweepOfflineMachines(jobContext(tx, { orgId: m.org.id, name: "alert-sweep" }), new Date()));
    const inbox = await inboxOf(t.db, m.org.id, m.owner.id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ title: "5 new alerts: Offline", alertId: null, link: "/alerts" });

    const caller = callerFor(t.db, m.owner);
    expect(await caller.notifications.unreadCount({ orgId: m.org.id })).toBe(1);
    await caller.notifications.markAllRead({ orgId: m.org.id });
    expect(await caller.notifications.unreadCount({ orgId: m.org.id })).toBe(0);
  });

  it("a backlog delivered late is recorded but not announced", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COIN_JAM", "critical", minutesAgo(7 * 60))] });
    expect(await inboxOf(t.db, m.org.id, m.owner.id)).toHaveLength(0);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("MOTOR_FAULT", "critical", minutesAgo(1))] });
    expect(await inboxOf(t.db, m.org.id, m.owner.id)).toHaveLength(1);
  });
});
