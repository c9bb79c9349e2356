import { devices, type Browser, type TestInfo } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { MachineClient } from "../../sim/client";
import type { ProtocolEvent } from "../../sim/protocol";
import { apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { screenshots } from "../screenshots";

// A consumer's receipt: the operator's legal details, VAT per line and per rate, the PDF, and
// "E-mail me this receipt", on a phone and on a desktop.

const eventId = () => `evt-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
const heartbeat = (): ProtocolEvent => ({ id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC: 5, doorOpen: false } });

/** An operator with legal details and 19 % default VAT; Cola (2.50, the default rate) in A1, Water (1.50, 7 %) in A2; the machine online. */
async function operator(browser: Browser, testInfo: TestInfo) {
  const id = randomBytes(3).toString("hex");
  const context = await browser.newContext();
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await trpcMutation<{ id: string; slug: string }>(context.request, "org.create", {
    name: `Receipt Vending ${id}`,
    slug: `receipt-vending-${id}`,
    timeZone: "Europe/Berlin",
    currency: "EUR",
    legalName: `Receipt Automaten ${id} GmbH`,
    legalAddress: "Hauptstraße 5\n10115 Berlin",
    vatNumber: "DE123456789",
    defaultVatRateBp: 1900,
  });
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250 });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", priceMinor: 150, vatRateBp: 700 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: `Hall ${id}`, serial: `SN-R-${id}` });
  await call("planogram.set", {
    machineId: machine.id,
    slots: [
      { code: "A1", productId: cola.id, capacity: 10, parLevel: 2 },
      { code: "A2", productId: water.id, capacity: 10, parLevel: 2 },
    ],
  });
  const client = new MachineClient({ baseUrl: testInfo.project.use.baseURL!, machineId: machine.id, secret: credentials.secret });
  client.enqueue(heartbeat(), {
    id: eventId(),
    type: "inventory.restocked",
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    data: { slots: [{ slot: "A1", quantity: 5 }, { slot: "A2", quantity: 5 }] },
  });
  expect((await client.flush()).outcome).toBe("delivered");
  await context.close();
  return { id, machineId: machine.id, machine: client };
}

// The ui project is a desktop already; a phone takes Pixel 7's viewport, touch and agent (not its browser type).
const { defaultBrowserType: _browser, ...phone } = devices["Pixel 7"];
const cases = [
  { name: "phone", use: phone, slot: "A2", product: "Water", price: 150, rate: "7%", vat: "€0.10", net: "€1.40", gross: "€1.50" },
  { name: "desktop", use: {}, slot: "A1", product: "Cola", price: 250, rate: "19%", vat: "€0.40", net: "€2.10", gross: "€2.50" },
];

for (const c of cases) {
  test.describe(`on a ${c.name}`, () => {
    test.use(c.use);

    test(`a consumer's receipt shows the seller, VAT, a PDF and e-mails itself (${c.name})`, async ({ page, context, browser }, testInfo) => {
      test.setTimeout(90_000);
      const op = await operator(browser, testInfo);
      const consumer = newAccount("consumer");
      await apiSignUp(context.request, consumer);
      await apiSignIn(context, consumer);
      const shoot = screenshots(page, testInfo);

      // Bought online (demo payments settle at once), vended by the machine.
      const { orderId } = await trpcMutation<{ orderId: string }>(context.request, "checkout.create", { machineId: op.machineId, slot: c.slot });
      op.machine.enqueue(heartbeat());
      const command = (await op.machine.flush()).commands.find((x) => x.orderId === orderId);
      expect(command).toMatchObject({ type: "vend", slot: c.slot });
      op.machine.enqueue({ id: eventId(), type: "vend.succeeded", occurredAt: new Date().toISOString(), data: { slot: c.slot, priceMinor: c.price, currency: "EUR", payment: { method: "online" }, orderId } });
      expect((await op.machine.flush()).outcome).toBe("delivered");

      await test.step("the receipt names the seller and shows VAT per line and per rate", async () => {
        await page.goto(`/me/purchases/${orderId}`);
        await expect(page.getByRole("heading", { level: 1, name: c.product })).toBeVisible();
        const seller = page.getByRole("group", { name: "Seller" });
        await expect(seller).toContainText(`Receipt Automaten ${op.id} GmbH`);
        await expect(seller).toContainText("Hauptstraße 5");
        await expect(seller).toContainText("10115 Berlin");
        await expect(seller).toContainText("VAT number DE123456789");
        const lines = page.getByRole("list", { name: "Receipt lines" });
        await expect(lines).toContainText(c.product);
        await expect(lines).toContainText(`VAT ${c.rate}: ${c.vat}`);
        const perRate = page.getByRole("table", { name: "VAT per rate" });
        const row = perRate.getByRole("row").filter({ hasText: c.rate });
        for (const cell of [c.rate, c.net, c.vat, c.gross]) await expect(row.getByRole("cell", { name: cell, exact: true }).or(row.getByRole("rowheader", { name: cell, exact: true }))).toBeVisible();
        await expect(page.getByText(`Receipt no. ${orderId}`)).toBeVisible();
        // Nothing scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await shoot(`receipt-${c.name}`, { phone: false });
      });

      await test.step("the order page shows the seller and the VAT too, with the PDF", async () => {
        await page.goto(`/order/${orderId}`);
        await expect(page.getByRole("group", { name: "Seller" })).toContainText("VAT number DE123456789");
        await expect(page.getByRole("list", { name: "Receipt lines" })).toContainText(`VAT ${c.rate}: ${c.vat}`);
        await expect(page.getByRole("link", { name: "Download receipt (PDF)" })).toHaveAttribute("href", `/order/${orderId}/receipt.pdf`);
        await shoot(`order-receipt-${c.name}`, { phone: false, dark: false });
        await page.goto(`/me/purchases/${orderId}`);
      });

      await test.step("the PDF link answers a PDF", async () => {
        const href = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
        const res = await context.request.get(href!);
        expect(res.status()).toBe(200);
        expect(res.headers()["content-type"]).toBe("application/pdf");
        expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
      });

      await test.step("the order's link answers the same receipt to a guest", async () => {
        const guest = await browser.newContext();
        const res = await guest.request.get(`/order/${orderId}/receipt.pdf`);
        expect(res.status()).toBe(200);
        expect(res.headers()["content-type"]).toBe("application/pdf");
        expect((await guest.request.get(`/me/purchases/${orderId}/receipt.pdf`)).status()).toBe(401);
        await guest.close();
      });

      await test.step("E-mail me this receipt says what happened", async () => {
        await page.getByRole("button", { name: "E-mail me this receipt" }).click();
        // This deployment sends no e-mail (no SMTP_URL in the e2e server), and says so.
        await expect(page.getByRole("status").filter({ hasText: /Sent to|does not send e-mail/ })).toBeVisible();
        await shoot(`receipt-emailed-${c.name}`, { phone: false });
      });
    });
  });
}

test("an admin sets what receipts print in the organization's settings", async ({ page, context }, testInfo) => {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await trpcMutation<{ slug: string }>(context.request, "org.create", { name: `Settings Vending ${id}`, slug: `settings-vending-${id}`, timeZone: "Europe/Berlin", currency: "EUR" });
  await page.goto(`/o/${org.slug}/settings`);
  const receipts = page.getByRole("group", { name: "On receipts" });
  await receipts.getByLabel("Legal name").fill(`Settings Automaten ${id} GmbH`);
  await receipts.getByLabel("Address").fill("Hauptstraße 5\n10115 Berlin");
  await receipts.getByLabel("VAT number").fill("de 123456789");
  await receipts.getByLabel("Default VAT rate (%)").fill("abc");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(receipts.getByText("Enter a VAT rate from 0 to 100 %")).toBeVisible();
  await expect(receipts.getByLabel("Default VAT rate (%)")).toHaveAttribute("aria-invalid", "true");
  await receipts.getByLabel("Default VAT rate (%)").fill("7,7");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await screenshots(page, testInfo)("settings-receipts");
  await page.reload();
  await expect(receipts.getByLabel("Legal name")).toHaveValue(`Settings Automaten ${id} GmbH`);
  await expect(receipts.getByLabel("Address")).toHaveValue("Hauptstraße 5\n10115 Berlin");
  await expect(receipts.getByLabel("VAT number")).toHaveValue("DE 123456789");
  await expect(receipts.getByLabel("Default VAT rate (%)")).toHaveValue("7.7");
});
