import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "~/app/api/webhooks/wechatpay/[orgId]/route";
import { auditLog, orgPaymentProviders, refunds } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { FakeWechatPay } from "~/test/fake-wechatpay";
import { asOwner, createMachineWithPlanogram, sendEvents, vend } from "~/test/machines";
import { callError } from "~/test/trpc-errors";
import { useFakeWechatPayApi, wechatPayMachine, wechatPaySettings } from "~/test/wechatpay-orgs";
import { createOrder } from "./checkout";
import { openCredentials, paymentCredentialsKey } from "./credentials";
import { enabledProviderFor, listProviderSettings, providerFor, refundProviderFor, saveProviderSettings } from "./org-providers";
import { sendDueRefunds } from "./send-owed-refunds";

let t: TestDatabase;
let fake: FakeWechatPay;
let restoreApi: () => void;
beforeAll(async () => {
  t = await createTestDatabase();
  fake = await new FakeWechatPay().start();
  restoreApi = useFakeWechatPayApi(fake);
});
afterAll(async () => {
  restoreApi();
  await fake.stop();
  await t.drop();
});

describe("an org's payment provider settings", () => {
  it("stores secrets sealed, never answers them, and keeps them when a later save leaves them out", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const input = wechatPaySettings();
    const secrets = input.secrets!;
    const view = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => saveProviderSettings(ctx, input));
    expect(view).toMatchObject({ provider: "wechatpay", configured: true, enabled: false, storedSecrets: ["apiV3Key", "merchantPrivateKey"], notifyPath: `/api/webhooks/wechatpay/${m.org.id}` });
    const [row] = await t.db.select().from(orgPaymentProviders).where(eq(orgPaymentProviders.orgId, m.org.id));
    expect(row!.sealedSecrets).toMatch(/^v1\./);
    expect(row!.sealedSecrets).not.toContain(secrets.apiV3Key);
    expect(JSON.stringify(row!.settings)).not.toContain("PRIVATE KEY");
    expect(openCredentials(paymentCredentialsKey()!, row!.sealedSecrets)).toEqual(secrets);

    // Through the API, as an admin sees it: public settings, names of stored secrets, nothing else.
    const listed = await callerFor(t.db, m.owner).paymentProviders.list({ orgId: m.org.id });
    expect(JSON.stringify(listed)).not.toContain(secrets.apiV3Key);
    expect(JSON.stringify(listed)).not.toContain("PRIVATE KEY");
    expect(listed.map((p) => [p.provider, p.configured])).toEqual([["wechatpay", true], ["alipay", false]]);

    const { secrets: _left, ...withoutSecrets } = wechatPaySettings();
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => saveProviderSettings(ctx, { ...withoutSecrets, settings: { ...withoutSecrets.settings, appid: "wx0000000000000001" } }));
    const [kept] = await t.db.select().from(orgPaymentProviders).where(eq(orgPaymentProviders.orgId, m.org.id));
    expect(kept!.settings.appid).toBe("wx0000000000000001");
    expect(openCredentials(paymentCredentialsKey()!, kept!.sealedSecrets)).toEqual(secrets);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "payment_provider.saved")));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain(secrets.apiV3Key);
  });

  it("refuses a first save without secrets, bad keys, and switching on what is not saved", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const caller = callerFor(t.db, m.owner);
    const { secrets: _left, ...withoutSecrets } = wechatPaySettings();
    expect(await callError(caller.paymentProviders.save({ orgId: m.org.id, ...withoutSecrets }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("WeChat Pay secrets") });
    const badKey = wechatPaySettings();
    badKey.settings.platformPublicKey = "not a key";
    expect(await callError(caller.paymentProviders.save({ orgId: m.org.id, ...badKey }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("public key") });
    const shortKey = wechatPaySettings();
    shortKey.secrets!.apiV3Key = "short";
    expect(await callError(caller.paymentProviders.save({ orgId: m.org.id, ...shortKey }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await callError(caller.paymentProviders.setEnabled({ orgId: m.org.id, provider: "alipay", enabled: true }))).toMatchObject({
      code: "CONFLICT",
      message: "Alipay is not set up for this organization yet. Save its settings first.",
    });
    expect(await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listProviderSettings(ctx))).toEqual(
      expect.arrayContaining([expect.objectContaining({ provider: "wechatpay", configured: false })]),
    );
  });

  it("lets only admins and owners of the org near them", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const other = await createMachineWithPlanogram(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => saveProviderSettings(ctx, wechatPaySettings()));
    const manager = await addMember(t.db, m.org.id, "manager");
    expect(await callError(callerFor(t.db, manager).paymentProviders.list({ orgId: m.org.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await callError(callerFor(t.db, manager).paymentProviders.setEnabled({ orgId: m.org.id, provider: "wechatpay", enabled: true }))).toMatchObject({ code: "FORBIDDEN" });
    // Another org's owner: not found, and nothing of this org changes.
    expect(await callError(callerFor(t.db, other.owner).paymentProviders.list({ orgId: m.org.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(callerFor(t.db, other.owner).paymentProviders.save({ orgId: m.org.id, ...wechatPaySettings() }))).toMatchObject({ code: "NOT_FOUND" });
    const admin = await addMember(t.db, m.org.id, "admin");
    expect(await callerFor(t.db, admin).paymentProviders.setEnabled({ orgId: m.org.id, provider: "wechatpay", enabled: true })).toMatchObject({ enabled: true });
    expect(await providerFor(t.db, other.org.id, "wechatpay")).toBeNull();
    expect((await enabledProviderFor(t.db, { orgId: m.org.id, name: "wechatpay" }))?.name).toBe("wechatpay");
  });
});

describe("which provider pays a refund back", () => {
  it("a sale paid with WeChat Pay at the machine goes to the org's own account; a card sale to the deployment's provider", async () => {
    const m = await wechatPayMachine(t.db, fake);
    // A WeChat Pay payment the machine took itself (its own QR code), then a failed vend.
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", method: "wechat_pay", channel: "qr", provider: null, consumerId: null, baseUrl: "https://vendops.example" });
    fake.pay(orderId);
    const transactionId = fake.transactions.get(orderId)!.transaction_id!;
    const failed = vend("A1", { ok: false, method: "wechat_pay" });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...failed, data: { ...failed.data, currency: "CNY", payment: { method: "wechat_pay", reference: transactionId } } }] });
    const [owed] = await t.db.select().from(refunds).where(eq(refunds.orgId, m.org.id));
    expect(owed).toMatchObject({ paymentMethod: "wechat_pay", paymentReference: transactionId, orderId: null });
    expect((await refundProviderFor(t.db, { refund: owed!, deployment: null }))?.name).toBe("wechatpay");
    expect((await refundProviderFor(t.db, { refund: { ...owed!, paymentMethod: "card" }, deployment: null }))).toBeNull();

    const before = fake.refundCreations();
    await sendDueRefunds(t.db);
    expect((await t.db.select().from(refunds).where(eq(refunds.id, owed!.id)))[0]).toMatchObject({ status: "succeeded" });
    expect(fake.refunds.get(owed!.id)).toMatchObject({ transaction_id: transactionId, amount: { refund: 250, total: 250 } });
    expect(fake.refundCreations()).toBe(before + 1);
  });
});

describe("POST /api/webhooks/wechatpay/{orgId}", () => {
  it("refuses an oversized body and a malformed org id without reading the database", async () => {
    const big = await POST(new Request("http://localhost/api/webhooks/wechatpay/org_x", { method: "POST", headers: { "content-length": String(10 * 1024 * 1024) }, body: "x".repeat(70 * 1024) }), {
      params: Promise.resolve({ orgId: "org_x" }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: "FAIL" });
    const odd = await POST(new Request("http://localhost/api/webhooks/wechatpay/x", { method: "POST", body: "{}" }), { params: Promise.resolve({ orgId: "org x;drop" }) });
    expect(odd.status).toBe(404);
  });
});
