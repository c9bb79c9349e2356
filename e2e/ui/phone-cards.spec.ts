import type { Page, TestInfo } from "@playwright/test";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { DEMO_ORG, apiCreateOrg, apiSignIn, apiSignUp, demoEmail, demoPassword, expect, newAccount, test, trpcMutation } from "../fixtures";
import { restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { takeScreenshots } from "../screenshots";

// On a phone the wide tables (machines, alerts, sales, plans, refunds) become stacked cards: the
// page must not scroll sideways, the cards show, and their actions are big enough to tap.
const phone = { width: 375, height: 812 };
test.use({ viewport: phone, hasTouch: true });

const org = `/o/${DEMO_ORG.slug}`;
const lists = [
  { path: "machines", list: "Machines", empty: "Register your first machine" },
  { path: "alerts", list: "Alerts", empty: "All quiet" },
  { path: "sales", list: "Sales", empty: "No sales yet" },
  { path: "plans", list: "Machines to plan", empty: /Nothing to plan yet|No machines match/ },
  { path: "refunds", list: "Refunds", empty: "No refunds yet" },
] as const;

async function expectNoSidewaysScroll(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: "the page scrolls sideways" }).toBeLessThanOrEqual(phone.width);
}

/** Every button in the cards is at least 44 px high (a finger's width). */
async function expectTappable(page: Page, list: string) {
  for (const button of await page.getByRole("list", { name: list, exact: true }).getByRole("button").all()) {
    const box = await button.boundingBox();
    expect(box?.height, `${await button.getAttribute("aria-label")} is big enough to tap`).toBeGreaterThanOrEqual(44);
  }
}

/** With SCREENSHOTS=1: the page at phone width, then at desktop width, in test-results/screens/. */
async function shoot(page: Page, testInfo: TestInfo, name: string) {
  if (!takeScreenshots) return;
  const dir = path.join(testInfo.config.rootDir, "..", "test-results", "screens");
  await page.screenshot({ fullPage: true, animations: "disabled", path: path.join(dir, `phone-cards-${name}-phone.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ fullPage: true, animations: "disabled", path: path.join(dir, `phone-cards-${name}-desktop.png`) });
  await page.setViewportSize(phone);
}

test("on a phone the demo's tables are cards and nothing scrolls sideways", async ({ page, context }, testInfo) => {
  await apiSignIn(context, { email: demoEmail("owner"), password: demoPassword() });
  for (const { path: to, list, empty } of lists) {
    await test.step(to, async () => {
      await page.goto(`${org}/${to}`);
      const cards = page.getByRole("list", { name: list, exact: true });
      await expect(cards.or(page.getByText(empty).first())).toBeVisible();
      await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
      await expectNoSidewaysScroll(page);
      if (await cards.isVisible()) {
        await expect(cards.getByRole("listitem").first()).toBeVisible();
        await expect(cards.getByRole("heading").first()).toBeVisible();
        await expectTappable(page, list);
      }
      await shoot(page, testInfo, to);
    });
  }

  await test.step("the alert cards name their machine", async () => {
    await page.goto(`${org}/alerts`);
    // Alerts are grouped by machine: the first group's first card.
    const cards = page.getByRole("list", { name: /^Alerts of / }).first();
    await expect(cards).toBeVisible();
    await expect(cards.getByRole("listitem").first().getByRole("heading")).toContainText(" on ");
  });

  await test.step("sorting and filtering work on a phone", async () => {
    await page.goto(`${org}/machines`);
    await page.getByLabel("Sort by").selectOption("fill");
    await expect(page).toHaveURL(/sort=fill/);
    await page.getByRole("button", { name: /reverse the order/ }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.getByRole("button", { name: "Filter by status" })).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
});

test("a sale's card refunds it with a button big enough to tap, and the refund shows as a card", async ({ page, context, request }) => {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const created = await apiCreateOrg(context, `Phone Vending ${id}`);
  const call = <T,>(to: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, to, { orgId: created.id, ...input });
  const chips = await call<{ id: string }>("products.create", { sku: "CHIPS", name: "Chips", priceMinor: 180, costMinor: 60 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: "Pier kiosk", serial: `SN-${id}` });
  await call("planogram.set", { machineId: machine.id, slots: [{ code: "B1", productId: chips.id, capacity: 10, parLevel: 2 }] });
  await sendMachineEvents(request, machine.id, credentials.secret, [restockEvent([{ slot: "B1", quantity: 10 }]), vendEvent("B1", { priceMinor: 180, method: "card" })]);

  await page.goto(`/o/${created.slug}/sales`);
  const sale = page.getByRole("list", { name: "Sales" }).getByRole("listitem").filter({ hasText: "Chips" });
  await expect(sale.getByRole("heading", { name: "Chips" })).toBeVisible();
  await expect(sale).toContainText("Pier kiosk");
  await expectNoSidewaysScroll(page);
  const refund = sale.getByRole("button", { name: /^Refund €1\.80 for Chips/ });
  expect((await refund.boundingBox())?.height).toBeGreaterThanOrEqual(44);
  await refund.click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Bag was torn open");
  await dialog.getByRole("button", { name: "Refund sale" }).click();
  await expect(sale).toContainText(/Refund pending|Refunding|Refunded/);

  await page.goto(`/o/${created.slug}/refunds`);
  const card = page.getByRole("list", { name: "Refunds" }).getByRole("listitem").first();
  await expect(card.getByRole("heading", { name: "Chips" })).toBeVisible();
  await expect(card).toContainText("€1.80");
  await expect(card).toContainText("Bag was torn open");
  await expectNoSidewaysScroll(page);
});
