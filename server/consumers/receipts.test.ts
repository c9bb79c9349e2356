import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiptEmails, sales } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import { consumerSelfContext } from "~/server/context";
import { DemoProvider, createOrder, processDueRefunds } from "~/server/payments";
import { consumerReceiptPdf, orderReceiptPdf } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { pdfTexts } from "~/test/pdf-text";
import { callError } from "~/test/trpc-errors";
import { emailReceipt } from "./receipt-email";

let t: TestDatabase;
const demo = new DemoProvider();
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const LEGAL = { legalName: "Kiosk Automaten GmbH", legalAddress: "Hauptstraße 5\n10115 Berlin", vatNumber: "de123456789" };

/** An operator with legal details and 19 % VAT, a consumer who bought a cola (2.50) by card at 12:30 UTC, and one online order that failed and was refunded. */
async function purchase() {
  const m = await createMachineWithPlanogram(t.db);
  await callerFor(t.db, m.owner).org.update({ orgId: m.org.id, name: m.org.name, timeZone: "Europe/Berlin", currency: "EUR", defaultVatRateBp: 1900, ...LEGAL });
  const consumer = await createUser(t.db);
  const at = new Date("2026-03-14T12:30:00Z");
  await sendEvents(t.db, m.machine.id, m.secret, {
    events: [
      { id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} },
      { id: eventId(), type: "inventory.restocked", occurredAt: new Date().toISOString(), data: { slots: [{ slot: "A1", quantity: 9 }] } },
    ],
  });
  const v = vend("A1", { price: 250, at });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...v, data: { ...v.data, consumerId: consumer.id } }] });
  const [sale] = await t.db.select({ id: sales.id }).from(sales).where(and(eq(sales.orgId, m.org.id), eq(sales.consumerId, consumer.id)));
  const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: demo, consumerId: consumer.id, baseUrl: "https://vendops.example" });
  const failed = vend("A1", { ok: false, method: "online" });
  await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...failed, data: { ...failed.data, orderId, payment: { method: "online", reference: orderId } } }] });
  await processDueRefunds(t.db, { provider: demo });
  return { ...m, consumer, saleId: sale!.id, orderId };
}

const session = (user: SessionUser | null) => ({ db: async () => t.db, user: async () => user });
const get = (path: string) => new Request(`http://localhost${path}`);
const texts = async (res: Response) =>
  pdfTexts(Buffer.from(await res.arrayBuffer()))
    .map((x) => x.text)
    .join("\n");

describe("a consumer's receipt", () => {
  it("prints the seller's legal details, the stable number, the lines with VAT and the totals", async () => {
    const p = await purchase();
    const receipt = await callerFor(t.db, p.consumer).consumer.receipt({ purchaseId: p.saleId });
    expect(receipt.document).toMatchObject({
      number: p.saleId,
      timeZone: "Europe/Berlin",
      seller: { name: p.org.name, legalName: "Kiosk Automaten GmbH", address: "Hauptstraße 5\n10115 Berlin", vatNumber: "DE123456789" },
      lines: [{ kind: "item", description: "Cola 0.33 l", quantity: 1, unitPriceMinor: 250, grossMinor: 250, vatRateBp: 1900, vatMinor: 40 }],
      vatTotals: [{ vatRateBp: 1900, netMinor: 210, vatMinor: 40, grossMinor: 250 }],
      totals: { netMinor: 210, vatMinor: 40, grossMinor: 250 },
      paymentMethod: "card",
    });
    // The failed online order: by its sale or its order id, one receipt number; the refund cancels the line.
    const refunded = await callerFor(t.db, p.consumer).consumer.receipt({ purchaseId: p.orderId });
    expect(refunded.document.number).toBe(p.orderId);
    expect(refunded.document.lines.map((l) => [l.kind, l.grossMinor, l.vatMinor])).toEqual([
      ["item", 250, 40],
      ["refund", -250, -40],
    ]);
    expect(refunded.document.totals).toEqual({ netMinor: 0, vatMinor: 0, grossMinor: 0 });
  });

  it("answers a PDF to its consumer with the legal details, number, time in the org's zone, VAT and payment", async () => {
    const p = await purchase();
    const res = await consumerReceiptPdf(get(`/me/purchases/${p.saleId}/receipt.pdf`), { params: Promise.resolve({ purchaseId: p.saleId }) }, session(p.consumer));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = await texts(res);
    for (const expected of ["Kiosk Automaten GmbH", "Hauptstraße 5", "10115 Berlin", "VAT number: DE123456789", "Receipt number", p.saleId, "Card", "Cola 0.33 l", "19%", "0.40 EUR", "2.10 EUR", "2.50 EUR"]) {
      expect(text).toContain(expected);
    }
    // 12:30 UTC is 13:30 in Berlin in March.
    expect(text).toMatch(/14 Mar 2026, 13:30 \(Europe\/Berlin\)/);
    // The refunded order prints its refund line.
    const refunded = await texts(await consumerReceiptPdf(get("/"), { params: Promise.resolve({ purchaseId: p.orderId }) }, session(p.consumer)));
    expect(refunded).toContain("Refund: Cola 0.33 l");
    expect(refunded).toContain("-2.50 EUR");
    expect(refunded).toContain("-0.40 EUR");
  });

  it("is nobody else's: another consumer, the operator's own owner, or an unknown id get 404; signed out, 401", async () => {
    const p = await purchase();
    const other = await purchase();
    const stranger = await createUser(t.db);
    const pdf = (id: string, user: SessionUser | null) => consumerReceiptPdf(get("/"), { params: Promise.resolve({ purchaseId: id }) }, session(user));
    expect((await pdf(p.saleId, stranger)).status).toBe(404);
    expect((await pdf(p.saleId, other.consumer)).status).toBe(404);
    expect((await pdf(p.saleId, p.owner)).status).toBe(404);
    expect((await pdf("sal_nothing", p.consumer)).status).toBe(404);
    expect((await pdf("x".repeat(200), p.consumer)).status).toBe(404);
    expect((await pdf("bad\u0000id", p.consumer)).status).toBe(404);
    expect((await pdf(p.saleId, null)).status).toBe(401);
    expect((await callError(callerFor(t.db, other.consumer).consumer.receipt({ purchaseId: p.saleId }))).code).toBe("NOT_FOUND");
    expect((await callError(callerFor(t.db, other.consumer).consumer.emailReceipt({ purchaseId: p.orderId }))).code).toBe("NOT_FOUND");
    expect((await callError(callerFor(t.db, null).consumer.emailReceipt({ purchaseId: p.orderId }))).code).toBe("UNAUTHORIZED");
  });

  it("the order's link answers its PDF to a guest, as the order page does; an unknown order is 404", async () => {
    const p = await purchase();
    const res = await orderReceiptPdf(get("/"), { params: Promise.resolve({ orderId: p.orderId }) }, { db: async () => t.db });
    expect(res.status).toBe(200);
    const text = await texts(res);
    expect(text).toContain("Kiosk Automaten GmbH");
    expect(text).toContain(p.orderId);
    expect(text).toContain("Refund: Cola 0.33 l");
    expect((await orderReceiptPdf(get("/"), { params: Promise.resolve({ orderId: "ord_unknown" }) }, { db: async () => t.db })).status).toBe(404);
    expect((await orderReceiptPdf(get("/"), { params: Promise.resolve({ orderId: p.saleId }) }, { db: async () => t.db })).status).toBe(404);
  });
});

describe("E-mail me this receipt", () => {
  it("sends the receipt with its PDF to the consumer's own address, once a minute however often it is asked", async () => {
    const mails: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, s, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          mails.push({ to: s.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    try {
      const p = await purchase();
      const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
      const ctx = consumerSelfContext(t.db, p.consumer.id);
      // A double click: one mail.
      const both = await Promise.all([emailReceipt(ctx, { purchaseId: p.saleId, smtpUrl }), emailReceipt(ctx, { purchaseId: p.saleId, smtpUrl })]);
      expect(both.map((r) => r.outcome).sort()).toEqual(["already_sent", "sent"]);
      expect(both[0]!.email).toBe(p.consumer.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([p.consumer.email]);
      expect(mails[0]!.data).toContain("Subject: Your receipt from Kiosk Automaten GmbH: Cola 0.33 l");
      expect(mails[0]!.data).toContain(`filename=receipt-${p.saleId}.pdf`);
      const pdf = attachedPdf(mails[0]!.data);
      expect(pdfTexts(pdf).map((x) => x.text)).toEqual(expect.arrayContaining(["Kiosk Automaten GmbH", "VAT number: DE123456789", p.saleId]));
      // Another purchase of the same consumer has its own minute.
      expect((await emailReceipt(ctx, { purchaseId: p.orderId, smtpUrl })).outcome).toBe("sent");
      expect(mails).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("says so when the deployment sends no e-mail, and when the server refuses, gives the minute back", async () => {
    const p = await purchase();
    const ctx = consumerSelfContext(t.db, p.consumer.id);
    expect(await callerFor(t.db, p.consumer).consumer.emailReceipt({ purchaseId: p.saleId })).toEqual({ outcome: "mail_not_configured", email: p.consumer.email });
    // Nothing listens on port 9: the send fails, and the next try is not "already sent".
    expect((await emailReceipt(ctx, { purchaseId: p.saleId, smtpUrl: "smtp://127.0.0.1:9" })).outcome).toBe("mail_failed");
    expect((await emailReceipt(ctx, { purchaseId: p.saleId, smtpUrl: "smtp://127.0.0.1:9" })).outcome).toBe("mail_failed");
  });

  it("stops a consumer after 10 receipts in 10 minutes, whichever purchases, with a 429 that says what to do", async () => {
    const p = await purchase();
    await t.db.insert(receiptEmails).values(Array.from({ length: 10 }, (_, i) => ({ orgId: p.org.id, consumerId: p.consumer.id, purchaseId: `sal_earlier${i}` })));
    // The limit is checked before anything is sent (nothing listens on port 9).
    const ctx = consumerSelfContext(t.db, p.consumer.id);
    await expect(emailReceipt(ctx, { purchaseId: p.saleId, smtpUrl: "smtp://127.0.0.1:9" })).rejects.toMatchObject({
      kind: "TOO_MANY_REQUESTS",
      message: "You have e-mailed 10 receipts in the last 10 minutes. Try again later, or download the PDFs.",
      retryAfterSeconds: 60,
    });
    // Older ones do not count.
    await t.db.update(receiptEmails).set({ sentAt: new Date(Date.now() - 11 * 60_000) }).where(eq(receiptEmails.consumerId, p.consumer.id));
    expect((await emailReceipt(ctx, { purchaseId: p.saleId, smtpUrl: "smtp://127.0.0.1:9" })).outcome).toBe("mail_failed");
  });
});

/** The PDF attached to a raw MIME message (base64). */
function attachedPdf(raw: string): Buffer {
  const part = raw.split(/\r?\n--/).find((p) => p.includes("Content-Type: application/pdf"));
  expect(part).toBeDefined();
  const body = part!.split(/\r?\n\r?\n/).slice(1).join("").replace(/\s+/g, "");
  return Buffer.from(body, "base64");
}
