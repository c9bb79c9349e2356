import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationDeliveries, users } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ruleLabel } from "~/server/alerts/contract";
import { memberContext } from "~/server/context";
import { fault, inboxOf } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { startMailCapture } from "~/test/mail-capture";
import { sendDueDeliveries } from "./deliveries";
import { notifyMembers } from "./member-notices";
import { createEndpoint } from "./webhook-endpoints";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("alert notifications in each member's language", () => {
  it("mail and inbox a member who reads Chinese in Chinese, another in English, and post webhooks in English", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await t.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, m.owner.id));
    const english = await addMember(t.db, m.org.id, "manager");
    await callerFor(t.db, english).notifications.updatePreferences({ orgId: m.org.id, inAppMinSeverity: "info", emailMinSeverity: "critical" });
    await withTenant(t.db, { orgId: m.org.id }, (tx) =>
      createEndpoint(memberContext(tx, { orgId: m.org.id, role: "owner", userId: m.owner.id, name: m.owner.name }), { url: "http://127.0.0.1:9/hooks", description: "integrator" }),
    );
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COOLING", "critical")] });

    const zhTitle = `Station hall 1：${ruleLabel("machine_fault", "zh-CN")} COOLING`;
    const [zhInbox] = await inboxOf(t.db, m.org.id, m.owner.id);
    expect(zhInbox).toMatchObject({ title: zhTitle });
    const [enInbox] = await inboxOf(t.db, m.org.id, english.id);
    expect(enInbox).toMatchObject({ title: "Machine fault COOLING on Station hall 1" });
    const [hook] = await t.db
      .select()
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.orgId, m.org.id), eq(notificationDeliveries.channel, "webhook")));
    expect(JSON.stringify(hook!.payload)).toContain("Machine fault COOLING on Station hall 1");

    const box = await startMailCapture();
    try {
      await sendDueDeliveries(t.db, { smtpUrl: box.url });
      const zh = box.mails.find((mail) => mail.to[0] === m.owner.email)!;
      expect(zh.subject).toBe(`[VendOps] ${zhTitle}`);
      expect(zh.text).toContain(`- 严重 ${zhTitle}`);
      expect(zh.text).toContain("更改接收的通知：");
      const en = box.mails.find((mail) => mail.to[0] === english.email)!;
      expect(en.subject).toBe("[VendOps] Machine fault COOLING on Station hall 1");
      expect(en.text).toContain("- CRITICAL Machine fault COOLING on Station hall 1");
      expect(en.text).toContain("Change what you receive: ");
    } finally {
      await box.close();
    }
  });

  it("tell named members about their work in their language, when the sender can say it in theirs", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const zh = await addMember(t.db, m.org.id, "technician");
    await t.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, zh.id));
    const en = await addMember(t.db, m.org.id, "technician");
    const told = await withTenant(t.db, { orgId: m.org.id }, (tx) =>
      notifyMembers(memberContext(tx, { orgId: m.org.id, role: "owner", userId: m.owner.id, name: m.owner.name }), {
        userIds: [zh.id, en.id],
        eventType: "plan.accepted",
        severity: "info",
        title: "Today's route",
        text: "North loop",
        inLanguage: (locale) => (locale === "zh-CN" ? { title: "今日线路", text: "北线" } : { title: "Today's route", text: "North loop" }),
        link: "/routes/today",
      }),
    );
    expect(told).toEqual({ members: 2, emails: 2 });
    expect((await inboxOf(t.db, m.org.id, zh.id))[0]).toMatchObject({ title: "今日线路", body: "北线" });
    expect((await inboxOf(t.db, m.org.id, en.id))[0]).toMatchObject({ title: "Today's route", body: "North loop" });
    const mails = await t.db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.orgId, m.org.id), eq(notificationDeliveries.eventType, "plan.accepted")));
    expect(mails.map((d) => d.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [
        { to: zh.email, subject: "[VendOps] 今日线路", text: expect.stringMatching(/^北线\n\nhttp.*\/routes\/today$/) },
        { to: en.email, subject: "[VendOps] Today's route", text: expect.stringMatching(/^North loop\n\n/) },
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });
});
