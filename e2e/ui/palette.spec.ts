import { DEMO_ORG, apiSignIn, demoEmail, demoPassword, expect, test } from "../fixtures";
import { screenshots } from "../screenshots";

const machine = "Alexanderplatz Snacks";

test("the command palette opens from the keyboard, finds a machine and opens it with Enter", async ({ page, context }, testInfo) => {
  const shoot = screenshots(page, testInfo);
  await apiSignIn(context, { email: demoEmail("manager"), password: demoPassword() });
  await page.goto(`/o/${DEMO_ORG.slug}/sales`);
  await expect(page.getByRole("heading", { level: 1, name: "Sales" })).toBeVisible();

  const opener = page.getByRole("button", { name: /^Search/ });
  await opener.focus();
  await page.keyboard.press("ControlOrMeta+k");
  const dialog = page.getByRole("dialog", { name: "Find anything" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  const input = dialog.getByRole("combobox", { name: "Find anything" });
  await expect(input).toBeFocused();
  // With nothing typed the pages are there to jump to.
  await expect(dialog.getByRole("listbox").getByRole("option", { name: "Statistics" })).toBeVisible();

  // Escape closes it and gives focus back to where it was.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await page.keyboard.press("ControlOrMeta+k");
  await expect(input).toBeFocused();
  await page.keyboard.type("alexanderplatz");
  const listbox = dialog.getByRole("listbox");
  await expect(listbox.getByRole("group", { name: "Machines" })).toBeVisible();
  await expect(listbox.getByRole("group", { name: "Locations" }).getByRole("option", { name: /Alexanderplatz Station/ })).toBeVisible();
  // Alerts of the machine name it too; the machine is in its own group.
  const target = listbox.getByRole("group", { name: "Machines" }).getByRole("option", { name: new RegExp(machine) });
  await expect(target).toBeVisible();
  await shoot("palette", { phone: false });
  // Arrow keys move the selection; Tab stays inside the dialog.
  for (let i = 0; i < 10 && (await target.getAttribute("aria-selected")) !== "true"; i++) await page.keyboard.press("ArrowDown");
  await expect(target).toHaveAttribute("aria-selected", "true");
  await expect(input).toHaveAttribute("aria-activedescendant", (await target.getAttribute("id"))!);
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/o/${DEMO_ORG.slug}/machines/mch_`));
  await expect(page.getByRole("heading", { level: 1, name: machine })).toBeVisible();
});

test("on a phone the palette opens from the top bar's search button", async ({ page, context }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await apiSignIn(context, { email: demoEmail("viewer"), password: demoPassword() });
  await page.goto(`/o/${DEMO_ORG.slug}`);
  await page.getByRole("banner").getByRole("button", { name: "Search" }).click();
  const dialog = page.getByRole("dialog", { name: "Find anything" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("combobox", { name: "Find anything" }).fill("alexanderplatz sn");
  await dialog.getByRole("group", { name: "Machines" }).getByRole("option", { name: new RegExp(machine) }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${DEMO_ORG.slug}/machines/mch_`));
  await expect(page.getByRole("heading", { level: 1, name: machine })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
