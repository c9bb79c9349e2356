import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, sales } from "~/db/schema";
import { consumerSelfContext } from "~/server/context";
import { DemoProvider, createOrder } from "~/server/payments";
import { formatVatRate, vatBpToPercentText, vatOfGross, vatPercentToBp } from "~/server/tenancy/contract";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { callError } from "~/test/trpc-errors";
import { receiptLines, sumReceiptLines, type ReceiptLineItem } from "./contract";
import { getReceipt } from "./purchases";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("VAT inside a VAT-inclusive price", () => {
  it("is gross × rate / (100 + rate), rounded half-up to the minor unit", () => {
    // 2.50 at 19 %: 250 × 19 / 119 = 39.92 -> 0.40
    expect(vatOfGross(250, 1900)).toBe(40);
    // 1.99 at 7 %: 199 × 7 / 107 = 13.02 -> 0.13
    expect(vatOfGross(199, 700)).toBe(13);
    // 3.50 at 7.7 %: 350 × 7.7 / 107.7 = 25.02 -> 0.25
    expect(vatOfGross(350, 770)).toBe(25);
    // Exact halves go up: 0.03 at 20 % is 0.5 cents -> 1; 0.09 is 1.5 -> 2; 0.05 at 100 % is 2.5 -> 3.
    expect(vatOfGross(3, 2000)).toBe(1);
    expect(vatOfGross(9, 2000)).toBe(2);
    expect(vatOfGross(5, 10_000)).toBe(3);
    // A refund mirrors its sale.
    expect(vatOfGross(-5, 10_000)).toBe(-3);
    expect(vatOfGross(-250, 1900)).toBe(-40);
    // No rate, no VAT; yen have no minor digits: 300 × 10 / 110 = 27.27 -> 27.
    expect(vatOfGross(250, 0)).toBe(0);
    expect(vatOfGross(300, 1000)).toBe(27);
    // Large amounts stay exact: 1,000,000.00 at 19 % = 159,663.865... -> 159,663.87
    expect(vatOfGross(100_000_000, 1900)).toBe(15_966_387);
  });

  it("reads and writes rates as people type them", () => {
    expect(vatPercentToBp("19")).toBe(1900);
    expect(vatPercentToBp("7,7")).toBe(770);
    expect(vatPercentToBp(" 5.5 %")).toBe(550);
    expect(vatPercentToBp("0")).toBe(0);
    expect(vatPercentToBp("7.125")).toBeNaN();
    expect(vatPercentToBp("abc")).toBeNaN();
    expect(vatPercentToBp("-5")).toBeNaN();
    expect(vatBpToPercentText(1900)).toBe("19");
    expect(vatBpToPercentText(770)).toBe("7.7");
    expect(vatBpToPercentText(0)).toBe("0");
    expect(formatVatRate(550)).toBe("5.5%");
  });

  it("sums the lines per rate (each line rounded on its own), highest rate first, with net and gross", () => {
    const line = (gross: number, rate: number): ReceiptLineItem => ({
      kind: "item",
      description: "x",
      quantity: 1,
      unitPriceMinor: gross,
      grossMinor: gross,
      vatRateBp: rate,
      vatMinor: vatOfGross(gross, rate),
    });
    // 2.50 @19 % -> 0.40; 1.50 @19 % -> 23.95 -> 0.24; 1.80 @7 % -> 11.78 -> 0.12; 1.00 @0 % -> 0.
    const { vatTotals, totals } = sumReceiptLines([line(250, 1900), line(180, 700), line(150, 1900), line(100, 0)]);
    expect(vatTotals).toEqual([
      { vatRateBp: 1900, grossMinor: 400, vatMinor: 64, netMinor: 336 },
      { vatRateBp: 700, grossMinor: 180, vatMinor: 12, netMinor: 168 },
      { vatRateBp: 0, grossMinor: 100, vatMinor: 0, netMinor: 100 },
    ]);
    expect(totals).toEqual({ grossMinor: 680, vatMinor: 76, netMinor: 604 });
  });

  it("shows a refund that went through as a negative line at the sale's rate; one under way as a note", () => {
    const bought = { product: "Cola", amountMinor: 250, vatRateBp: 1900, status: "not_dispensed" as const };
    const refunded = receiptLines({ ...bought, refund: { status: "succeeded", amountMinor: 250 } });
    expect(refunded.lines.map((l) => [l.kind, l.grossMinor, l.vatMinor])).toEqual([
      ["item", 250, 40],
      ["refund", -250, -40],
    ]);
    expect(refunded.totals).toEqual({ grossMinor: 0, vatMinor: 0, netMinor: 0 });
    expect(refunded.pendingRefund).toBeNull();
    // A partial refund of 1.00: 100 × 19 / 119 = 15.97 -> -0.16; 1.50 left, 0.24 of it VAT.
    const partial = receiptLines({ ...bought, refund: { status: "succeeded", amountMinor: 100 } });
    expect(partial.totals).toEqual({ grossMinor: 150, vatMinor: 24, netMinor: 126 });
    const pending = receiptLines({ ...bought, refund: { status: "pending", amountMinor: 250 } });
    expect(pending.lines).toHaveLength(1);
    expect(pending.pendingRefund).toEqual({ status: "pending", amountMinor: 250 });
    // Nothing charged, nothing on the receipt.
    expect(receiptLines({ ...bought, status: "canceled", refund: null }).lines).toEqual([]);
  });
});

describe("rates are captured on the sale", () => {
  it("a sale and an order keep the rate of the moment they were recorded; later changes do not rewrite receipts", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const owner = callerFor(t.db, m.owner);
    const orgId = m.org.id;
    await owner.org.update({ orgId, name: m.org.name, timeZone: "Europe/Berlin", currency: "EUR", defaultVatRateBp: 1900 });
    const water = m.products.water;
    await owner.products.update({ orgId, productId: water.id, sku: water.sku, name: water.name, priceMinor: 150, vatRateBp: 700 });
    const alice = await createUser(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [
        { id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} },
        { id: eventId(), type: "inventory.restocked", occurredAt: new Date().toISOString(), data: { slots: [{ slot: "A1", quantity: 9 }, { slot: "A2", quantity: 9 }] } },
      ],
    });
    const withConsumer = (v: ReturnType<typeof vend>) => ({ ...v, data: { ...v.data, consumerId: alice.id } });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [withConsumer(vend("A1", { price: 250 })), withConsumer(vend("A2", { price: 150 }))] });
    // An online order placed now, vended after the rates change: it keeps the rate it was placed at.
    const { orderId } = await createOrder(t.db, { machineId: m.machine.id, slot: "A1", provider: new DemoProvider(), consumerId: alice.id, baseUrl: "https://vendops.example" });

    const captured = async () => (await t.db.select({ slot: sales.slotCode, rate: sales.vatRateBp, orderId: sales.orderId }).from(sales).where(eq(sales.orgId, orgId))).sort((a, b) => a.slot.localeCompare(b.slot));
    expect((await captured()).map((s) => s.rate)).toEqual([1900, 700]);
    const [order] = await t.db.select({ rate: orders.vatRateBp }).from(orders).where(eq(orders.id, orderId));
    expect(order!.rate).toBe(1900);

    const ctx = consumerSelfContext(t.db, alice.id);
    const [waterSale] = await t.db.select({ id: sales.id }).from(sales).where(and(eq(sales.orgId, orgId), eq(sales.slotCode, "A2")));
    const before = await getReceipt(ctx, { purchaseId: waterSale!.id });

    // The rates change: the org's default to 10 %, water back to the default.
    await owner.org.update({ orgId, name: m.org.name, timeZone: "Europe/Berlin", currency: "EUR", defaultVatRateBp: 1000 });
    await owner.products.update({ orgId, productId: water.id, sku: water.sku, name: water.name, priceMinor: 150, vatRateBp: null });
    const v = vend("A1", { method: "online" });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [{ ...v, data: { ...v.data, orderId, payment: { method: "online", reference: orderId } } }, withConsumer(vend("A2", { price: 150 }))] });

    const after = await captured();
    expect(after.filter((s) => s.slot === "A1").map((s) => s.rate)).toEqual([1900, 1900]);
    expect(after.filter((s) => s.slot === "A2").map((s) => s.rate).sort()).toEqual([1000, 700]);
    const again = await getReceipt(ctx, { purchaseId: before.id });
    expect(again.document.lines).toEqual(before.document.lines);
    expect(again.document.lines[0]).toMatchObject({ grossMinor: 150, vatRateBp: 700, vatMinor: 10 });
    const online = await getReceipt(ctx, { purchaseId: orderId });
    expect(online.document).toMatchObject({ number: orderId, totals: { grossMinor: 250, vatMinor: 40, netMinor: 210 } });
  });

  it("refuses rates out of range with a field error, and leaves a product's rate alone when an update leaves it out", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const owner = callerFor(t.db, m.owner);
    const orgId = m.org.id;
    const bad = await callError(owner.org.update({ orgId, name: m.org.name, timeZone: "Europe/Berlin", currency: "EUR", defaultVatRateBp: 10_001 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.fieldErrors).toHaveProperty("defaultVatRateBp");
    const fraction = await callError(owner.products.update({ orgId, productId: m.products.cola.id, sku: "COLA-033", name: "Cola 0.33 l", priceMinor: 250, vatRateBp: 7.5 }));
    expect(fraction.fieldErrors).toHaveProperty("vatRateBp");
    await owner.products.update({ orgId, productId: m.products.cola.id, sku: "COLA-033", name: "Cola 0.33 l", priceMinor: 250, vatRateBp: 550 });
    const kept = await owner.products.update({ orgId, productId: m.products.cola.id, sku: "COLA-033", name: "Cola 0.33 l", priceMinor: 260 });
    expect(kept.vatRateBp).toBe(550);
  });
});
