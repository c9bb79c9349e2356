import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

const DAY = 24 * 60 * 60 * 1000;
const day = /\d{4}-\d{2}-\d{2}/.source;

/** A new org (Europe/Berlin, EUR) with one machine: a card sale 10 days ago, and today a card sale, a cash sale and a failed card vend. */
async function orgWithSales(context: BrowserContext, request: APIRequestContext, label: string) {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await apiCreateOrg(context, `${label} ${id}`);
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Campus", kind: "university" });
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 100 });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", priceMinor: 150, costMinor: 50 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", {
    name: "Library lobby",
    serial: `SN-${id}`,
    locationId: location.id,
  });
  await call("planogram.set", {
    machineId: machine.id,
    slots: [
      { code: "A1", productId: cola.id, capacity: 20, parLevel: 5 },
      { code: "A2", productId: water.id, capacity: 20, parLevel: 5 },
    ],
  });
  const sent = await sendMachineEvents(request, machine.id, credentials.secret, [
    restockEvent([{ slot: "A1", quantity: 20 }, { slot: "A2", quantity: 20 }], new Date(Date.now() - 20 * DAY)),
    vendEvent("A1", { priceMinor: 250, method: "card", at: new Date(Date.now() - 10 * DAY) }),
    vendEvent("A1", { priceMinor: 250, method: "card", at: new Date(Date.now() - 3000) }),
    vendEvent("A2", { priceMinor: 150, method: "cash", at: new Date(Date.now() - 2000) }),
    vendEvent("A2", { priceMinor: 150, method: "card", failed: true, at: new Date(Date.now() - 1000) }),
  ]);
  expect(sent.json.results?.every((r) => r.status === "accepted")).toBe(true);
  return org;
}

/** The first line of a total ("€6.50", "3"), found by its label. */
const figure = (page: Page, label: string) => page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("+ dd > span").first();

/** Focuses the revenue chart as the keyboard would and moves to the last day: its tooltip shows. */
async function expectKeyboardTooltip(page: Page) {
  const chart = page.getByRole("application", { name: "Revenue per day, chart" });
  await expect(chart).toBeVisible();
  await chart.focus();
  await expect(chart).toBeFocused();
  for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowRight");
  const tooltip = page.getByTestId("chart-tooltip");
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/€\d/);
  await expect(tooltip).toContainText(/\d+ vends?/);
}

test("sales open on the last 7 days in the URL; ranges, comparisons and hidden columns survive a reload", async ({ page, context, request }, testInfo) => {
  const org = await orgWithSales(context, request, "Sales Vending");
  const shoot = screenshots(page, testInfo);

  await test.step("the last 7 days by default, in the address and the controls", async () => {
    await page.goto(`/o/${org.slug}/sales`);
    await expect(page).toHaveURL(new RegExp(`/sales\\?from=${day}&to=${day}$`));
    const url = new URL(page.url());
    await expect(page.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("From", { exact: true })).toHaveValue(url.searchParams.get("from")!);
    await expect(page.getByLabel("To", { exact: true })).toHaveValue(url.searchParams.get("to")!);
    await expect(figure(page, "Vends")).toHaveText("2");
    await expect(figure(page, "Revenue")).toHaveText("€4.00");
  });

  await test.step("all time is in the address too, and survives a reload", async () => {
    await page.getByRole("button", { name: "All time" }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/sales\\?range=all$`));
    await expect(figure(page, "Vends")).toHaveText("3");
    await expect(figure(page, "Revenue")).toHaveText("€6.50");
    await page.reload();
    await expect(page.getByRole("button", { name: "All time" })).toHaveAttribute("aria-pressed", "true");
    await expect(figure(page, "Revenue")).toHaveText("€6.50");
    await expect(page.getByRole("table", { name: /Sales/ }).getByRole("row")).toHaveCount(5);
    await expect(page.getByRole("row", { name: /Water/ }).filter({ hasText: "Failed" })).toContainText(/Refund pending|Refunding|Refunded/);
  });

  await test.step("a comparison with the previous 7 days, for the totals and the chart", async () => {
    await page.getByRole("button", { name: "Last 7 days" }).click();
    await page.getByLabel("Compare with").selectOption({ label: "Previous period" });
    await expect(page).toHaveURL(/compare=previous/);
    // €4.00 now against the €2.50 card sale 10 days ago.
    await expect(figure(page, "Revenue")).toHaveText("€4.00");
    await expect(page.locator("dt", { hasText: /^Revenue$/ }).locator("+ dd")).toContainText("€2.50 before · +60%");
    await expect(page.locator("dt", { hasText: /^Vends$/ }).locator("+ dd")).toContainText("1 before · +100%");
    await expect(page.getByTestId("revenue-summary")).toContainText(/Previous period \(.+\): €2\.50, a change of \+60%/);
    await page.reload();
    await expect(page.getByLabel("Compare with")).toHaveValue("previous");
    await expect(page.locator("dt", { hasText: /^Revenue$/ }).locator("+ dd")).toContainText("€2.50 before");
    await expectKeyboardTooltip(page);
    await shoot("sales-compare");
  });

  await test.step("the column chooser hides a column, and it stays hidden after a reload", async () => {
    const table = page.getByRole("table", { name: /Sales/ });
    await expect(table.getByRole("columnheader", { name: "Slot" })).toBeVisible();
    await page.getByRole("button", { name: "Columns" }).click();
    const slot = page.getByRole("menuitemcheckbox", { name: "Slot" });
    await expect(slot).toHaveAttribute("aria-checked", "true");
    await slot.click();
    await expect(slot).toHaveAttribute("aria-checked", "false");
    await page.keyboard.press("Escape");
    await expect(table.getByRole("columnheader", { name: "Slot" })).toHaveCount(0);
    await expect(table.getByRole("columnheader", { name: "Product" })).toBeVisible();
    await page.reload();
    await expect(table.getByRole("columnheader", { name: "Product" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Slot" })).toHaveCount(0);
    await expect(table.getByRole("row", { name: /Cola/ }).first().getByRole("cell")).toHaveCount(9);
    await page.getByRole("button", { name: /Columns/ }).click();
    await page.getByRole("menuitemcheckbox", { name: "Slot" }).click();
    await page.keyboard.press("Escape");
    await expect(table.getByRole("columnheader", { name: "Slot" })).toBeVisible();
  });

  await test.step("today, card payments only: the filter survives a reload", async () => {
    await page.getByRole("button", { name: "Today", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}`));
    await expect(figure(page, "Vends")).toHaveText("2");
    await expect(figure(page, "Average ticket")).toHaveText("€2.00");
    await page.getByRole("button", { name: "Filter by payment" }).click();
    await page.getByRole("menuitemradio", { name: "Card" }).click();
    await expect(page).toHaveURL(/paymentMethod=card/);
    await expect(figure(page, "Revenue")).toHaveText("€2.50");
    await page.reload();
    await expect(page.getByRole("button", { name: "Payment filter: Card. Change" })).toBeVisible();
    await expect(figure(page, "Revenue")).toHaveText("€2.50");
    await expect(figure(page, "Margin")).toHaveText("60%");
    await expect(figure(page, "Failed vends")).toHaveText("1");
  });

  await test.step("the CSV export holds exactly the filtered sales", async () => {
    const link = page.getByRole("link", { name: "Export CSV" });
    const href = new URL((await link.getAttribute("href"))!, page.url());
    const query = new URL(page.url()).searchParams;
    query.delete("compare");
    expect(href.searchParams.toString()).toBe(query.toString());
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${org.slug}-sales-${day}-${day}\\.csv$`));
    const rows = parse(await readFile((await download.path())!, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.product, r.payment_method, r.status, r.price])).toEqual([
      ["Cola", "card", "succeeded", "2.50"],
      ["Water", "card", "failed", "1.50"],
    ]);
    for (const r of rows) expect(r.occurred_at_local!.slice(0, 10)).toBe(query.get("from"));
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true });

  test("sales open on the last 7 days as cards, with the chart reachable by keyboard", async ({ page, context, request }) => {
    const org = await orgWithSales(context, request, "Phone Sales");
    await page.goto(`/o/${org.slug}/sales`);
    await expect(page).toHaveURL(new RegExp(`/sales\\?from=${day}&to=${day}$`));
    await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("list", { name: "Sales" }).getByRole("listitem")).toHaveCount(3);
    // Cards keep every fact: no column chooser.
    await expect(page.getByRole("button", { name: "Columns" })).toBeHidden();
    await page.getByRole("button", { name: "30 days" }).click();
    await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
    await page.reload();
    await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("list", { name: "Sales" }).getByRole("listitem")).toHaveCount(4);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: "the page scrolls sideways" }).toBeLessThanOrEqual(375);
    const chart = page.getByRole("application", { name: "Revenue per day, chart" });
    await chart.focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("chart-tooltip")).toBeVisible();
  });
});
