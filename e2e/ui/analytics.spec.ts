import { DEMO_ORG, apiSignIn, apiSignUp, demoEmail, demoPassword, expect, newAccount, test } from "../fixtures";
import { screenshots } from "../screenshots";

const base = `/o/${DEMO_ORG.slug}`;

test("the demo owner sees the overview, the month's statistics with exports, and the rankings", async ({ page, context }, testInfo) => {
  await apiSignIn(context, { email: demoEmail("owner"), password: demoPassword() });
  const shoot = screenshots(page, testInfo);

  await test.step("overview", async () => {
    await page.goto(base);
    await expect(page.getByRole("heading", { level: 1, name: DEMO_ORG.name })).toBeVisible();
    await expect(page.getByTestId("today-revenue")).toHaveText(/€/);
    await expect(page.getByText(/^€[\d,.]+ from succeeded vends\. Point at a day/)).toBeVisible();
    const revenue = page.getByRole("application", { name: "Revenue per day, last 30 days" });
    await revenue.focus();
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByTestId("chart-tooltip")).toContainText(/Revenue\s*€[\d,]+\.\d\d/);
    await expect(page.getByRole("heading", { name: "Machines by status" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Top products, last 7 days" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Machines to visit today" })).toBeVisible();
    await shoot("analytics-overview");
  });

  await test.step("statistics of the last closed month", async () => {
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Statistics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Statistics · \w+ \d{4}$/ })).toBeVisible();
    await expect(page.getByTestId("month-revenue")).toHaveText(/€[\d,]+\.\d\d/);
    await expect(page.getByText(/^for failed vends; other refunds \(by hand, on request, undelivered orders\): \d+ · €[\d,]+\.\d\d$/)).toBeVisible();
    const machines = page.getByRole("table", { name: "The month by machine" });
    await expect(machines.getByRole("row")).toHaveCount(41);
    // Uptime and stockouts in plain words, from the month's figures.
    await expect(page.getByTestId("uptime-words")).toHaveText(/^(Up [\d.]+% of the month: machines were silent in [\d.]+% of their hours\. \d+ of \d+ machines missed hours, most of all .+ \(up [\d.]+%, about \d+ h down\).*\.|Up the whole month: .+)$/);
    await expect(page.getByTestId("stockout-words")).toHaveText(/^(Slots were empty [\d,.]+ slot-hours?(: .+)?\.( Most at .+ \(.+\)\.)?|No slot ran empty this month\.)$/);
    // The breakdowns are charts that the keyboard reaches, with a tooltip per bar.
    const byLocation = page.getByRole("application", { name: "Revenue by location" });
    await byLocation.focus();
    await expect(byLocation).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(page.getByTestId("chart-tooltip")).toContainText(/Revenue\s*€[\d,]+\.\d\d/);
    await shoot("analytics-statistics");

    const month = new URL(page.url()).searchParams.get("month") ?? (await page.getByRole("combobox", { name: "Month" }).inputValue());
    const csv = await context.request.get(`${base}/statistics/export.csv?month=${month}`);
    expect(csv.status()).toBe(200);
    // UTF-8 with a byte order mark, so Excel reads it as UTF-8.
    expect(await csv.text()).toMatch(/^\uFEFFsection,key,name,revenue/);
    const pdf = await context.request.get(`${base}/statistics/export.pdf?month=${month}`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const bad = await context.request.get(`${base}/statistics/export.pdf?month=2026-13`);
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: "month: Use a month like 2026-10." });
  });

  await test.step("rankings", async () => {
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Rankings" }).click();
    const sellers = page.getByRole("table", { name: "Best sellers" });
    await expect(sellers.getByRole("row").nth(1)).toBeVisible();
    expect(await sellers.getByRole("row").count()).toBeGreaterThan(10);
    const revenue = sellers.getByRole("columnheader", { name: "Revenue" });
    await revenue.getByRole("button").click();
    await expect(revenue).toHaveAttribute("aria-sort", "ascending");
    await revenue.getByRole("button").click();
    await expect(revenue).toHaveAttribute("aria-sort", "descending");
    await page.getByRole("searchbox", { name: "Filter products" }).fill("Product that does not exist");
    await expect(sellers.getByText("Nothing matches the filter.")).toBeVisible();
    await page.getByRole("searchbox", { name: "Filter products" }).fill("");
    await expect(page.getByRole("table", { name: "Points of sale" }).getByRole("row")).toHaveCount(12);
    await shoot("analytics-rankings");
  });
});

test("a member of another organization gets 404 from the analytics pages and exports", async ({ page, context }) => {
  const stranger = newAccount("stranger");
  await apiSignUp(context.request, stranger);
  await apiSignIn(context, stranger);
  for (const path of ["", "/statistics", "/rankings"]) {
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), path || "overview").toBe(404);
  }
  for (const path of ["/statistics/export.csv?month=2026-10", "/statistics/export.pdf?month=2026-10"]) {
    expect((await context.request.get(`${base}${path}`)).status(), path).toBe(404);
  }
});
