import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations, users } from "~/db/schema";
import { consumerSelfContext } from "~/server/context";
import { consumerReceiptPdf } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { createMachineWithPlanogram, restock } from "~/test/machines";
import { startMailCapture } from "~/test/mail-capture";
import { pdfPlainText } from "~/test/pdf-text";
import { hoursFrom, memberVend, report, sendAndFindSales } from "~/test/refund-requests";
import { decisionMail, sendDecisionMails } from "./decision-mails";
import { emailReceipt } from "./receipt-email";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** A consumer's card purchase of a cola, by a consumer whose account reads `locale`. */
async function purchase(locale: "en" | "zh-CN" | null) {
  const m = await createMachineWithPlanogram(t.db);
  await t.db.update(organizations).set({ supportEmail: "help@snacks.example" }).where(eq(organizations.id, m.org.id));
  const consumer = await createUser(t.db, { name: "小李" });
  await t.db.update(users).set({ locale }).where(eq(users.id, consumer.id));
  const at = hoursFrom(new Date(), -1);
  const vend = memberVend("A1", { at, consumerId: consumer.id, reference: `pi_${m.org.id}` });
  const found = await sendAndFindSales(t.db, { id: m.machine.id, secret: m.secret }, [restock([{ slot: "A1", quantity: 5 }], hoursFrom(at, -1)), vend]);
  return { m, consumer, saleId: found.get(vend.id)!.id };
}

const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("consumers' e-mails and receipts in their language", () => {
  it("mails a receipt asked for in Chinese with a Chinese subject, body and PDF", async () => {
    const p = await purchase(null);
    const box = await startMailCapture();
    try {
      const sent = await emailReceipt(consumerSelfContext(t.db, p.consumer.id), { purchaseId: p.saleId, smtpUrl: box.url, locale: "zh-CN" });
      expect(sent.outcome).toBe("sent");
      const [mail] = box.mails;
      expect(mail!.subject).toBe(`您在 ${p.m.org.name} 的收据：Cola 0.33 l`);
      expect(mail!.text).toContain(`收据编号：${p.saleId}`);
      expect(mail!.text).toContain("支付方式：银行卡");
      expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`receipt-${p.saleId}.pdf`, "application/pdf"]]);
      const pdf = squeeze(pdfPlainText(mail!.attachments[0]!.content));
      for (const words of ["收据编号", p.saleId, "银行卡", "价格已含增值税。"]) expect(pdf).toContain(words);
    } finally {
      await box.close();
    }
  });

  it("mails a receipt in the language the consumer's account chose when the request names none", async () => {
    const p = await purchase("zh-CN");
    const box = await startMailCapture();
    try {
      await emailReceipt(consumerSelfContext(t.db, p.consumer.id), { purchaseId: p.saleId, smtpUrl: box.url });
      expect(box.mails[0]!.subject).toMatch(/^您在 /);
    } finally {
      await box.close();
    }
  });

  it("answers the receipt PDF in the browser's language", async () => {
    const p = await purchase(null);
    const get = (language: string) => new Request("http://localhost/me/purchases/x/receipt.pdf", { headers: { "accept-language": language } });
    const session = { db: async () => t.db, user: async () => p.consumer };
    const zh = await consumerReceiptPdf(get("zh-CN,zh;q=0.9"), { params: Promise.resolve({ purchaseId: p.saleId }) }, session);
    expect(zh.status).toBe(200);
    const text = squeeze(pdfPlainText(Buffer.from(await zh.arrayBuffer())));
    expect(text).toContain("收据编号");
    expect(text).toContain("价格已含增值税。");
    const en = await consumerReceiptPdf(get("en-GB"), { params: Promise.resolve({ purchaseId: p.saleId }) }, session);
    expect(squeeze(pdfPlainText(Buffer.from(await en.arrayBuffer())))).toContain("Receiptnumber");
  });

  it("tells a refund decision in Chinese to a consumer whose account reads Chinese", async () => {
    const p = await purchase("zh-CN");
    const request = await report(t.db, p.consumer.id, p.saleId);
    await callerFor(t.db, p.m.owner).refundRequests.decide({ orgId: p.m.org.id, requestId: request.id, decision: "reject", reason: "传感器检测到已出货。" });
    const box = await startMailCapture();
    try {
      expect(await sendDecisionMails(t.db, { smtpUrl: box.url, requestId: request.id })).toBe(1);
      const [mail] = box.mails;
      expect(mail!.subject).toBe(`${p.m.org.name} 拒绝了您的退款申请`);
      expect(mail!.text).toContain("小李，您好：");
      expect(mail!.text).toContain("拒绝原因：传感器检测到已出货。");
      expect(mail!.text).toContain(`发送邮件至 help@snacks.example 联系 ${p.m.org.name}`);
    } finally {
      await box.close();
    }
  });
});

describe("the text of a refund decision", () => {
  const decided = {
    id: "rrq_1",
    saleId: "sal_1",
    status: "approved" as const,
    decisionReason: null,
    autoApproved: false,
    email: "c@example.cn",
    consumerName: "小李",
    locale: "zh-CN",
    operator: "京售",
    supportEmail: null,
    timeZone: "Asia/Shanghai",
    product: "矿泉水",
    machineName: "1 号售货机",
    occurredAt: new Date("2026-10-05T02:30:00Z"),
    amountMinor: 350,
    currency: "CNY",
    paymentMethod: "wechat_pay",
  };

  it("is in the consumer's chosen language, else English", () => {
    const zh = decisionMail(decided);
    expect(zh.subject).toBe("京售 正在退款 ¥3.50");
    expect(zh.text).toContain("小李，您好：");
    expect(zh.text).toContain("京售 已批准您对 1 号售货机（2026年10月5日 10:30）购买的 矿泉水 的退款申请。");
    expect(zh.text).toContain("¥3.50 将退回您的微信支付账户。");
    expect(zh.text).toContain("有疑问？请联系 京售。");
    const en = decisionMail({ ...decided, locale: null, status: "rejected" });
    expect(en.subject).toBe("京售 declined your refund request");
    expect(en.text).toContain("Their reason: none given");
  });
});
