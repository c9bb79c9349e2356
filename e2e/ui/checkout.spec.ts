import { devices, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { MachineClient } from "../../sim/client";
import type { ProtocolEvent } from "../../sim/protocol";
import { apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { screenshots } from "../screenshots";

// The consumer's side on a phone: the page a machine's QR code opens, paying (demo provider), the
// live order page, and the consumer's account. The machine is the reference client (sim/client.ts).
test.use({ ...devices["Pixel 7"] });

const eventId = () => `evt-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
const heartbeat = (): ProtocolEvent => ({ id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC: 5, doorOpen: false } });

interface Operator {
  context: BrowserContext;
  org: { id: string; slug: string };
  machineName: string;
  machine: MachineClient;
  machineId: string;
}

/** An operator with a machine (Cola at €2.50 in A1, a sold-out Water in A2) that is online. */
async function operatorWithMachine(browser: Browser, testInfo: TestInfo): Promise<Operator> {
  const id = randomBytes(3).toString("hex");
  const context = await browser.newContext();
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await trpcMutation<{ id: string; slug: string }>(context.request, "org.create", {
    name: `Kiosk Vending ${id}`,
    slug: `kiosk-vending-${id}`,
    timeZone: "Europe/Berlin",
    currency: "EUR",
    supportEmail: `help-${id}@kiosk.example`,
  });
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Central Station", kind: "station" });
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", category: "Drinks", priceMinor: 250, costMinor: 90 });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", category: "Drinks", priceMinor: 150, costMinor: 30 });
  const machineName = `Station hall ${id}`;
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", {
    name: machineName,
    serial: `SN-${id}`,
    locationId: location.id,
  });
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
    data: { slots: [{ slot: "A1", quantity: 5 }] },
  });
  expect((await client.flush()).outcome).toBe("delivered");
  return { context, org, machineName, machine: client, machineId: machine.id };
}

/** The machine polls (a heartbeat) and returns the vend command for the order. */
async function pollForVend(machine: MachineClient, orderId: string) {
  machine.enqueue(heartbeat());
  const report = await machine.flush();
  const command = report.commands.find((c) => c.orderId === orderId);
  expect(command, "the events response carries the vend command").toMatchObject({ type: "vend", slot: "A1", orderId });
  return command!;
}

/** Chooses Cola on the machine's page and pays with the demo provider; returns the order id. */
async function buyCola(page: Page, machineId: string): Promise<string> {
  await page.goto(`/m/${machineId}`);
  await page.getByRole("button", { name: /Cola/ }).click();
  const confirm = page.getByRole("region", { name: "Confirm your order" });
  await expect(confirm).toContainText("Cola");
  await expect(confirm).toContainText("€2.50");
  await confirm.getByRole("button", { name: "Pay (demo)" }).click();
  await page.waitForURL(/\/order\/ord_[A-Za-z0-9_-]+$/);
  return page.url().split("/order/")[1]!;
}

test("a guest pays on the machine's page, the vend fails, the refund shows to the guest and the operator", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const op = await operatorWithMachine(browser, testInfo);
  const shoot = screenshots(page, testInfo);

  await test.step("the machine's page: operator, place, prices, sold out, demo label", async () => {
    await page.goto(`/m/${op.machineId}`);
    await expect(page.getByRole("heading", { level: 1, name: op.machineName })).toBeVisible();
    await expect(page.getByText("Central Station")).toBeVisible();
    await expect(page.getByText(/Kiosk Vending/).first()).toBeVisible();
    await expect(page.getByRole("link", { name: /help-.*@kiosk\.example/ })).toBeVisible();
    await expect(page.getByText("Demo payments: nothing is charged")).toBeVisible();
    await expect(page.getByRole("button", { name: /Cola/ })).toContainText("€2.50");
    const water = page.getByRole("button", { name: /Water/ });
    await expect(water).toBeDisabled();
    await expect(water).toContainText("Sold out");
    await expect(page.getByText("to keep your purchases and collect points")).toBeVisible();
    await shoot("checkout-menu", { phone: false });
  });

  await test.step("coming back from the payment page without paying shows a note to dismiss", async () => {
    await page.goto(`/m/${op.machineId}?canceled=ord_unpaid`);
    const note = page.getByRole("status").filter({ hasText: "Payment canceled" });
    await expect(note).toBeVisible();
    await note.getByRole("button", { name: "Dismiss" }).click();
    await expect(note).toBeHidden();
  });

  let orderId = "";
  await test.step("choose, confirm and pay: the order page says paid and dispensing", async () => {
    orderId = await buyCola(page, op.machineId);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paid. Your Cola is on its way");
    await expect(page.getByRole("list", { name: "Progress" })).toContainText("Dispensing");
    await expect(page.getByText("Demo payments: nothing is charged")).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to save this purchase to your account" })).toHaveAttribute(
      "href",
      `/sign-in?${new URLSearchParams({ callbackUrl: `/order/${orderId}` })}`,
    );
    await shoot("order-dispensing", { phone: false });
  });

  await test.step("the machine gets the vend command, fails it, and the page shows the refund", async () => {
    const command = await pollForVend(op.machine, orderId);
    op.machine.enqueue({
      id: eventId(),
      type: "vend.failed",
      occurredAt: new Date().toISOString(),
      data: { slot: command.slot!, priceMinor: 250, currency: "EUR", payment: { method: "online" }, orderId, reason: "jammed" },
    });
    expect((await op.machine.flush()).outcome).toBe("delivered");
    const title = page.getByRole("heading", { level: 1 });
    await expect(title).toHaveText(/Your payment of €2\.50 is being refunded|Refunded €2\.50/);
    await expect(page.getByRole("list", { name: "Progress" })).toContainText("Not dispensed");
    await expect(title).toHaveText("Refunded €2.50");
    await expect(page.getByText(/^Refunded on /)).toBeVisible();
    await shoot("order-refunded", { phone: false });
  });

  await test.step("the operator sees the refund on the refunds page", async () => {
    const operatorPage = await op.context.newPage();
    await operatorPage.goto(`/o/${op.org.slug}/refunds`);
    // On a phone the refunds are cards.
    const refund = operatorPage.getByRole("list", { name: "Refunds" }).getByRole("listitem").filter({ hasText: op.machineName });
    await expect(refund).toBeVisible();
    await expect(refund).toContainText("€2.50");
  });
});

test("a signed-in consumer's purchase is in their account, with its receipt", async ({ page, context, browser }, testInfo) => {
  test.setTimeout(90_000);
  const op = await operatorWithMachine(browser, testInfo);
  const consumer = newAccount("consumer");
  await apiSignUp(context.request, consumer);
  await apiSignIn(context, consumer);
  const shoot = screenshots(page, testInfo);

  await test.step("with no purchases yet, the account says how to start", async () => {
    await page.goto("/me");
    await expect(page.getByRole("heading", { name: "No purchases yet" })).toBeVisible();
  });

  const orderId = await buyCola(page, op.machineId);
  await expect(page.getByText("Saved to")).toBeVisible();
  const command = await pollForVend(op.machine, orderId);
  op.machine.enqueue({
    id: eventId(),
    type: "vend.succeeded",
    occurredAt: new Date().toISOString(),
    data: { slot: command.slot!, priceMinor: 250, currency: "EUR", payment: { method: "online" }, orderId },
  });
  expect((await op.machine.flush()).outcome).toBe("delivered");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enjoy your Cola");

  await test.step("the purchase is in the bill, and opens as a receipt", async () => {
    await page.getByRole("link", { name: "My purchases" }).click();
    await expect(page).toHaveURL(/\/me$/);
    const card = page.getByRole("list", { name: "Purchases" }).getByRole("link", { name: /Cola/ });
    await expect(card).toContainText("€2.50");
    await expect(card).toContainText(op.machineName);
    await expect(card).toContainText("Dispensed");
    await shoot("me-purchases", { phone: false });
    await card.click();
    await expect(page.getByRole("heading", { level: 1, name: "Cola" })).toBeVisible();
    await expect(page.getByText("Central Station")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Report a problem" })).toBeVisible();
    await shoot("me-receipt", { phone: false });
  });
});
