import { DEMO_ORG, apiSignIn, demoEmail, demoPassword, expect, test } from "../fixtures";

const demoPeople = ["Dana Demo", "Mia Manager", "Theo Technician", "Vera Viewer"];

test("the demo owner signs in and sees Demo Vending with its members", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(demoEmail("owner"));
  await page.getByLabel("Password").fill(demoPassword());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs$/);

  await page.getByRole("link", { name: new RegExp(DEMO_ORG.name) }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${DEMO_ORG.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: DEMO_ORG.name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Machines by status" })).toBeVisible();

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Members" }).click();
  const rows = page.getByRole("table").first().getByRole("row");
  await expect(rows).toHaveCount(demoPeople.length + 1);
  for (const [i, name] of demoPeople.entries()) await expect(rows.nth(i + 1)).toContainText(name);

  await page.getByRole("button", { name: "Name" }).click();
  await expect(rows.nth(1)).toContainText("Vera Viewer");

  await page.getByRole("button", { name: "Filter by role" }).click();
  await page.getByRole("menuitemradio", { name: "Technician" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Theo Technician");
  await page.getByRole("button", { name: "Remove role filter" }).click();

  await page.getByRole("searchbox", { name: "Search members" }).fill("mia");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Mia Manager");

  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByRole("button", { name: "Filter by action" }).click();
  await page.getByRole("menuitemradio", { name: "Organization created" }).click();
  await expect(page.getByRole("region", { name: "Audit log entries" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("created the organization Demo Vending")).toBeVisible();
});

test("a demo viewer sees members but not the admin sections", async ({ page, context }) => {
  await apiSignIn(context, { email: demoEmail("viewer"), password: demoPassword() });
  await page.goto(`/o/${DEMO_ORG.slug}/members`);
  await expect(page.getByRole("row", { name: /Dana Demo/ })).toBeVisible();
  await expect(page.getByRole("combobox", { name: /Role of/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Invitations" })).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Organization" });
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);

  await page.goto(`/o/${DEMO_ORG.slug}/audit`);
  await expect(page.getByText("You need the admin role to see the audit log")).toBeVisible();
  await page.goto(`/o/${DEMO_ORG.slug}/settings`);
  await expect(page.getByText("Europe/Berlin")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
});

test("on a phone the sections open from the menu button", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await apiSignIn(context, { email: demoEmail("manager"), password: demoPassword() });
  await page.goto(`/o/${DEMO_ORG.slug}`);
  await expect(page.getByRole("navigation", { name: "Organization" })).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await drawer.getByRole("link", { name: "Members" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${DEMO_ORG.slug}/members$`));
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
