import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { apiCreateOrg, expect, test, trpcMutation } from "../fixtures";
import { screenshots } from "../screenshots";

const viewports = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "phone", size: { width: 390, height: 844 } },
];

const productsCsv = [
  "sku,name,category,price,cost,active",
  "COLA-033,Cola 0.33 l,Drinks,2.50,0.90,yes",
  "CHIPS-1,Paprika chips,Snacks,two euros,0.60,yes",
  "WATER-05,Water 0.5 l,Drinks,1.50,0.30,yes",
].join("\n");

/** Serious or critical accessibility problems axe finds in the open dialog (or `within`), as readable lines. */
async function dialogBarriers(page: Page, within = '[role="dialog"]'): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(within).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} at ${v.nodes[0]?.target.join(" ")}`);
}

for (const viewport of viewports) {
  test(`catalog on a ${viewport.name}: import products from a CSV with a bad row, then generate a planogram grid`, async ({ page, context, member: _member }, testInfo) => {
    test.setTimeout(120_000);
    const id = randomBytes(3).toString("hex");
    const org = await apiCreateOrg(context, `Import Vending ${id}`);
    const register = (name: string, serial: string) => trpcMutation<{ machine: { id: string } }>(context.request, "machines.register", { orgId: org.id, name, serial });
    const { machine } = await register("Lobby", `SN-${id}`);
    const { machine: second } = await register("Canteen", `SN2-${id}`);
    await page.setViewportSize(viewport.size);
    const shoot = screenshots(page, testInfo);
    const fitsWidth = async () => expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.size.width);

    await test.step("the preview names the bad row, its column and what to fix; nothing is written yet", async () => {
      await page.goto(`/o/${org.slug}/products`);
      await expect(page.getByRole("heading", { name: "Add your first product" })).toBeVisible();
      await page.getByRole("button", { name: "Import products" }).click();
      const dialog = page.getByRole("dialog", { name: "Import products" });
      await dialog.locator('input[type="file"]').setInputFiles({ name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(productsCsv) });
      const rows = dialog.getByRole("list", { name: "Rows of the file" });
      await expect(rows.getByRole("listitem", { name: "Row 3" })).toContainText("Error");
      await expect(rows.getByRole("listitem", { name: "Row 3" })).toContainText("price: “two euros” is not an amount in EUR. Use an amount like 2.50.");
      await expect(rows.getByRole("listitem", { name: "Row 2" })).toContainText("New");
      await expect(dialog).toContainText("2 new · 1 error");
      await fitsWidth();
      expect(await dialogBarriers(page)).toEqual([]);
      await shoot(`catalog-import-preview-${viewport.name}`, { phone: false });
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("heading", { name: "Add your first product" })).toBeVisible();
    });

    await test.step("confirming imports the good rows and skips the bad one", async () => {
      await page.getByRole("button", { name: "Import products" }).click();
      const dialog = page.getByRole("dialog", { name: "Import products" });
      await dialog.locator('input[type="file"]').setInputFiles({ name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(productsCsv) });
      await dialog.getByRole("button", { name: "Import 2 products, skip 1 row" }).click();
      await expect(dialog.getByRole("status")).toContainText("Imported: 2 new products, 0 updates; 1 row with errors skipped.");
      await dialog.getByRole("button", { name: "Close" }).first().click();
      await expect(dialog).toBeHidden();
      const table = page.getByRole("table", { name: /products/ });
      await expect(table.getByRole("row", { name: /Cola 0\.33 l/ })).toContainText("€2.50");
      await expect(table.getByRole("row", { name: /Water 0\.5 l/ })).toContainText("€1.50");
      await expect(table.getByRole("row", { name: /Paprika chips/ })).toHaveCount(0);
      expect(await dialogBarriers(page, "main")).toEqual([]);
      await fitsWidth();
      await shoot(`catalog-imported-${viewport.name}`, { phone: false });
    });

    await test.step("a manager changes two prices at once, seeing old and new first", async () => {
      await page.getByRole("checkbox", { name: "Select all products" }).check();
      await page.getByRole("button", { name: "Change prices" }).click();
      const dialog = page.getByRole("dialog", { name: "Change 2 prices" });
      await dialog.getByLabel("Change (%)").fill("10");
      await expect(dialog.getByRole("list", { name: "New prices" })).toContainText("€2.50 → €2.75");
      expect(await dialogBarriers(page)).toEqual([]);
      await shoot(`catalog-bulk-price-${viewport.name}`, { phone: false });
      await dialog.getByRole("button", { name: "Save 2 prices" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("table", { name: /products/ }).getByRole("row", { name: /Water 0\.5 l/ })).toContainText("€1.65");
    });

    await test.step("a grid of slots goes into the planogram editor as drafts, and is saved", async () => {
      await page.goto(`/o/${org.slug}/machines/${machine.id}`);
      await page.getByRole("button", { name: "Set up the planogram" }).click();
      const editor = page.getByRole("form", { name: "Edit planogram" });
      await editor.getByRole("button", { name: "Generate grid" }).click();
      const dialog = page.getByRole("dialog", { name: "Generate a grid of slots" });
      await dialog.getByLabel("Rows").fill("2");
      await dialog.getByLabel("Columns").fill("3");
      await dialog.getByLabel("Capacity").fill("8");
      await dialog.getByLabel("Par level").fill("2");
      await expect(dialog.getByRole("status")).toContainText("6 slots: A1 to B3.");
      expect(await dialogBarriers(page)).toEqual([]);
      await dialog.getByRole("button", { name: "Put the slots in the editor" }).click();
      await expect(dialog).toBeHidden();
      await expect(editor.getByLabel("Slot 1 code")).toHaveValue("A1");
      await expect(editor.getByLabel("Slot 6 code")).toHaveValue("B3");
      await expect(editor.getByLabel("Slot 6 capacity")).toHaveValue("8");
      await editor.getByLabel("Slot 1 product").selectOption({ label: "Cola 0.33 l · €2.75" });
      await shoot(`planogram-grid-drafts-${viewport.name}`, { phone: false });
      await editor.getByRole("button", { name: "Save planogram" }).click();
      await expect(editor).toBeHidden();
      await expect(page.getByRole("list", { name: "Row A" }).getByRole("listitem")).toHaveCount(3);
      await expect(page.getByRole("list", { name: "Row B" }).getByRole("listitem")).toHaveCount(3);
      await fitsWidth();
    });

    await test.step("a planograms CSV merges into the machine it names, after a preview", async () => {
      await page.goto(`/o/${org.slug}/products`);
      await page.getByRole("button", { name: "Import planograms" }).click();
      const dialog = page.getByRole("dialog", { name: "Import planograms" });
      await expect(dialog.getByRole("radio", { name: /Merge/ })).toBeChecked();
      const csv = `machine,slot,sku,capacity,par,price\nSN-${id},A2,WATER-05,8,2,1.20\nLobby,A3,NOPE-1,8,2,`;
      await dialog.locator('input[type="file"]').setInputFiles({ name: "planograms.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await expect(dialog.getByRole("listitem", { name: "Row 3" })).toContainText("No product has the SKU “NOPE-1”");
      await expect(dialog.getByRole("list", { name: "Machines" })).toContainText("left unchanged");
      await expect(dialog.getByRole("button", { name: "Nothing to import" })).toBeDisabled();
      await dialog.locator('input[type="file"]').setInputFiles({ name: "planograms.csv", mimeType: "text/csv", buffer: Buffer.from(csv.split("\n").slice(0, 2).join("\n")) });
      await expect(dialog.getByRole("listitem", { name: "Row 2" })).toContainText("Update");
      expect(await dialogBarriers(page)).toEqual([]);
      await shoot(`planogram-import-preview-${viewport.name}`, { phone: false });
      await dialog.getByRole("button", { name: "Update 1 planogram" }).click();
      await expect(dialog.getByRole("status").first()).toContainText("Planograms imported for 1 machine.");
      await page.goto(`/o/${org.slug}/machines/${machine.id}`);
      await expect(page.getByRole("list", { name: "Row A" }).getByRole("listitem").nth(1)).toContainText("Water 0.5 l");
    });

    await test.step("another machine copies that planogram into its editor", async () => {
      await page.goto(`/o/${org.slug}/machines/${second.id}`);
      await page.getByRole("button", { name: "Set up the planogram" }).click();
      const editor = page.getByRole("form", { name: "Edit planogram" });
      await editor.getByRole("button", { name: "Copy from machine" }).click();
      const dialog = page.getByRole("dialog", { name: "Copy another machine's planogram" });
      await dialog.getByLabel("Machine").selectOption({ label: `Lobby · SN-${id}` });
      await expect(dialog.getByRole("status")).toContainText("6 slots to copy.");
      await dialog.getByRole("button", { name: "Copy into the editor" }).click();
      await expect(dialog).toBeHidden();
      await expect(editor.getByLabel("Slot 2 code")).toHaveValue("A2");
      await expect(editor.getByLabel("Slot 2 price override")).toHaveValue("1.20");
      await fitsWidth();
    });
  });
}
