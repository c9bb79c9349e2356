import { randomBytes } from "node:crypto";
import { DEMO_ORG, apiCreateOrg, apiSignIn, demoEmail, demoPassword, expect, test } from "../fixtures";
import { screenshots } from "../screenshots";

test("an owner sets a card fee for a payment method, with a clear error for a bad one", async ({ page, context, member }, testInfo) => {
  const shoot = screenshots(page, testInfo);
  expect(member.email).toBeTruthy();
  const org = await apiCreateOrg(context, `Fees ${randomBytes(3).toString("hex")}`);
  await page.goto(`/o/${org.slug}/settings/card-fees`);
  await expect(page.getByRole("heading", { level: 1, name: "Card fees" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No payments yet" })).toBeVisible();

  await page.getByLabel("Set a fee for another payment method").selectOption({ label: "Card" });
  const form = page.getByRole("form", { name: "Card fee" });
  await form.getByLabel("Share of each payment (%)").fill("abc");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Use a percentage like 1.5.")).toBeVisible();

  await form.getByLabel("Share of each payment (%)").fill("1.5");
  await form.getByLabel("Fixed per payment (EUR)").fill("0.10");
  await form.getByRole("button", { name: "Save" }).click();
  const methods = page.getByRole("list", { name: "Payment methods" });
  await expect(methods.getByText("1.5 % + €0.10 per payment")).toBeVisible();
  await shoot("card-fees", { phone: false });

  await methods.getByRole("button", { name: "Remove fee" }).click();
  await expect(page.getByRole("heading", { name: "No payments yet" })).toBeVisible();
});

test("the rankings show profit per place, the good points of sale and the places that lose money", async ({ page, context }, testInfo) => {
  const shoot = screenshots(page, testInfo);
  await apiSignIn(context, { email: demoEmail("owner"), password: demoPassword() });
  await page.goto(`/o/${DEMO_ORG.slug}/rankings`);
  await expect(page.getByRole("heading", { name: "Good points of sale" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Places that lose money" })).toBeVisible();
  // The demo's hotel lobby owes its host a minimum guarantee its margin does not cover.
  const losing = page.getByRole("list", { name: "Places that lose money" }).locator(":scope > li");
  await expect(losing.filter({ hasText: "Hotel Kurfürstendamm, Lobby" })).toContainText(/commission .*exceeds? margin/i);
  const places = page.getByRole("table", { name: "Points of sale" });
  for (const column of ["Revenue", "Cost of goods", "Refunds", "Commission", "Card fees", "Visits", "Profit", "Per machine-day"]) {
    await expect(places.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const profit = places.getByRole("columnheader", { name: "Profit", exact: true });
  await profit.getByRole("button").click();
  await expect(profit).toHaveAttribute("aria-sort", /ascending|descending/);
  await expect(page.getByRole("application", { name: "Revenue and profit by location" })).toBeVisible();
  await shoot("profit-rankings", { dark: false });
});
