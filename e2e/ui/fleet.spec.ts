import { randomBytes } from "node:crypto";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { apiJoinOrg, heartbeatEvent, restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

test("a manager registers a machine, stocks it, sees it sell, rotates its secret and disables it", async ({ browser, request }, testInfo) => {
  test.setTimeout(120_000);
  const id = randomBytes(3).toString("hex");
  const ownerContext = await browser.newContext();
  const owner = newAccount("owner");
  await apiSignUp(ownerContext.request, owner);
  await apiSignIn(ownerContext, owner);
  const org = await apiCreateOrg(ownerContext, `Fleet Vending ${id}`);
  const { context } = await apiJoinOrg(browser, ownerContext, org.id, "manager");
  const page = await context.newPage();
  const shoot = screenshots(page, testInfo);
  const nav = page.getByRole("navigation", { name: "Organization" });

  await test.step("the overview points a manager to products and machines", async () => {
    await page.goto(`/o/${org.slug}`);
    await expect(page.getByRole("link", { name: "Add products" })).toHaveAttribute("href", `/o/${org.slug}/products`);
    await shoot("overview", { phone: false, dark: false });
    await page.getByRole("link", { name: "Register machine" }).click();
    await expect(page.getByRole("dialog", { name: "Register a machine" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/machines$`));
  });

  await test.step("add a location, with a coordinate the server refuses first", async () => {
    await nav.getByRole("link", { name: "Locations" }).click();
    await expect(page.getByRole("heading", { name: "Add your first location" })).toBeVisible();
    await page.getByRole("button", { name: "Add location" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a location" });
    await dialog.getByLabel("Name").fill("Central Station");
    await dialog.getByLabel("Kind").selectOption("station");
    await dialog.getByLabel("Address").fill("Europaplatz 1, Berlin");
    await dialog.getByLabel("Latitude").fill("95");
    await dialog.getByLabel("Longitude").fill("13.3695");
    await dialog.getByRole("button", { name: "Add location" }).click();
    await expect(dialog.getByText("Latitude is between -90 and 90.")).toBeVisible();
    await expect(dialog.getByLabel("Latitude")).toHaveAttribute("aria-invalid", "true");
    await dialog.getByLabel("Latitude").fill("52.5251");
    await dialog.getByRole("button", { name: "Add location" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("row", { name: /Central Station/ })).toContainText("52.5251, 13.3695");
    await shoot("locations");
  });

  await test.step("create products, and see a duplicate SKU refused", async () => {
    await nav.getByRole("link", { name: "Products" }).click();
    for (const [sku, name, price, cost] of [
      ["COLA-033", "Cola 0.33 l", "2.50", "0.90"],
      ["WATER-05", "Water 0.5 l", "1,50", "0.30"],
    ] as const) {
      await page.getByRole("button", { name: "Add product" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Add a product" });
      await dialog.getByLabel("SKU").fill(sku);
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByLabel("Category").fill("Drinks");
      await dialog.getByLabel("Price (EUR)").fill(price);
      await dialog.getByLabel("Cost (EUR)").fill(cost);
      await dialog.getByRole("button", { name: "Add product" }).click();
      await expect(dialog).toBeHidden();
    }
    const cola = page.getByRole("row", { name: /Cola 0\.33 l/ });
    await expect(cola).toContainText("€2.50");
    await expect(cola).toContainText("64%");
    await expect(page.getByRole("row", { name: /Water 0\.5 l/ })).toContainText("€1.50");

    await page.getByRole("button", { name: "Add product" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a product" });
    await dialog.getByLabel("SKU").fill("COLA-033");
    await dialog.getByLabel("Name").fill("Another cola");
    await dialog.getByLabel("Price (EUR)").fill("2.a");
    await dialog.getByRole("button", { name: "Add product" }).click();
    await expect(dialog.getByText("Use an amount like 2.50.")).toBeVisible();
    await dialog.getByLabel("Price (EUR)").fill("2.40");
    await dialog.getByRole("button", { name: "Add product" }).click();
    await expect(dialog.getByText("Another product already has this SKU.")).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await shoot("products");
  });

  let machineId = "";
  let secret = "";
  await test.step("register a machine and see its credentials once", async () => {
    await nav.getByRole("link", { name: "Machines" }).click();
    await expect(page.getByRole("heading", { name: "Register your first machine" })).toBeVisible();
    await shoot("machines-empty", { phone: false });
    await page.getByRole("button", { name: "Register machine" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Register a machine" });
    await dialog.getByLabel("Name").fill("Station hall 1");
    await dialog.getByLabel("Serial number").fill(`SN-${id}`);
    await dialog.getByLabel("Model").fill("V-500");
    await dialog.getByLabel("Location").selectOption({ label: "Central Station" });
    await dialog.getByRole("button", { name: "Register machine" }).click();
    const created = page.getByRole("dialog", { name: "Station hall 1 is registered" });
    await expect(created.getByText("it will not be shown again")).toBeVisible();
    machineId = await created.getByLabel("Machine ID").inputValue();
    secret = await created.getByLabel("Secret").inputValue();
    expect(machineId).toMatch(/^mch_/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await expect(created.getByLabel("Endpoint")).toHaveValue(new RegExp(`^http://localhost:\\d+/api/v1/machines/${machineId}/events$`));
    await shoot("register-credentials", { phone: false });
    await created.getByRole("button", { name: "I have saved the secret" }).click();
    await expect(page.getByRole("row", { name: /Station hall 1/ })).toContainText("Never connected");
    await page.reload();
    await expect(page.getByRole("row", { name: /Station hall 1/ })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
  });

  await test.step("set up the planogram; a par level above capacity is refused", async () => {
    await page.getByRole("link", { name: "Station hall 1" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Station hall 1" })).toBeVisible();
    await page.getByRole("button", { name: "Set up the planogram" }).click();
    const editor = page.getByRole("form", { name: "Edit planogram" });
    await editor.getByRole("button", { name: "Add slot" }).click();
    await expect(editor.getByLabel("Slot 1 code")).toHaveValue("A1");
    await editor.getByLabel("Slot 1 product").selectOption({ label: "Cola 0.33 l · €2.50" });
    await editor.getByLabel("Slot 1 capacity").fill("10");
    await editor.getByLabel("Slot 1 par level").fill("4");
    await editor.getByRole("button", { name: "Add slot" }).click();
    await expect(editor.getByLabel("Slot 2 code")).toHaveValue("A2");
    await editor.getByLabel("Slot 2 product").selectOption({ label: "Water 0.5 l · €1.50" });
    await editor.getByLabel("Slot 2 capacity").fill("8");
    await editor.getByLabel("Slot 2 par level").fill("9");
    await editor.getByLabel("Slot 2 price override").fill("1.80");
    await editor.getByRole("button", { name: "Save planogram" }).click();
    await expect(editor.getByRole("alert")).toContainText("The planogram was not saved: Par level cannot exceed capacity.");
    await expect(editor.getByLabel("Slot 2 par level")).toHaveAttribute("aria-invalid", "true");
    await expect(editor.getByText("Par level cannot exceed capacity.", { exact: true })).toBeVisible();
    await expect(editor.getByLabel("Slot 1 par level")).not.toHaveAttribute("aria-invalid", "true");
    await shoot("planogram-refused", { phone: false });
    await editor.getByLabel("Slot 2 par level").fill("3");
    await editor.getByRole("button", { name: "Save planogram" }).click();
    await expect(editor).toBeHidden();
    await expect(page.getByRole("listitem", { name: "Slot A1" })).toContainText("Cola 0.33 l");
    await expect(page.getByRole("listitem", { name: "Slot A2" })).toContainText("€1.80");
    await expect(page.getByRole("listitem", { name: "Slot A1" }).getByRole("meter")).toHaveAttribute("aria-valuenow", "0");
  });

  await test.step("the machine reports a restock and a vend; stock, timeline and sales show it", async () => {
    const sent = await sendMachineEvents(request, machineId, secret, [
      restockEvent([
        { slot: "A1", quantity: 10 },
        { slot: "A2", quantity: 8 },
      ]),
      heartbeatEvent(4.5),
      vendEvent("A1", { priceMinor: 250, method: "card" }),
    ]);
    expect(sent.status).toBe(200);
    expect(sent.json.results?.map((r) => r.status)).toEqual(["accepted", "accepted", "accepted"]);
    await page.reload();
    const title = page.getByRole("heading", { level: 1, name: "Station hall 1" }).locator("xpath=..");
    await expect(title).toContainText("Online");
    const a1 = page.getByRole("listitem", { name: "Slot A1" });
    await expect(a1.getByRole("meter")).toHaveAttribute("aria-valuenow", "9");
    await expect(a1).toContainText("9/10");
    const events = page.getByRole("list", { name: "Machine events" });
    await expect(events).toContainText("Vend A1 · Cola 0.33 l · €2.50 · card");
    await expect(events).toContainText("Restocked 2 slots");
    await expect(events).toContainText("Heartbeat 4.5 °C");
    await expect(page.locator("dt", { hasText: "Temperature" }).locator("+ dd")).toHaveText("4.5 °C");
    await shoot("machine");

    await nav.getByRole("link", { name: "Sales" }).click();
    const sale = page.getByRole("row", { name: /Station hall 1/ });
    await expect(sale).toContainText("Cola 0.33 l");
    await expect(sale).toContainText("€2.50");
    await expect(sale).toContainText("Card");
    await expect(sale).toContainText("Succeeded");
    await nav.getByRole("link", { name: "Machines" }).click();
    const row = page.getByRole("row", { name: /Station hall 1/ });
    await expect(row).toContainText("Online");
    await expect(row).toContainText("94%");
    await shoot("machines");
  });

  await test.step("the location counts the machine and links to the fleet filtered by it", async () => {
    await nav.getByRole("link", { name: "Locations" }).click();
    await page.getByRole("link", { name: "1 machine at Central Station" }).click();
    await expect(page).toHaveURL(/\/machines\?location=loc_/);
    await expect(page.getByRole("button", { name: "Location filter: Central Station. Change" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Station hall 1/ })).toBeVisible();
    await page.getByRole("button", { name: "Filter by status" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Offline" }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/status=offline/);
    await expect(page.getByRole("heading", { name: "No machines match" })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByRole("row", { name: /Station hall 1/ })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/machines$`));
  });

  await test.step("rotate the secret: the new one is shown once and both verify for 24 hours", async () => {
    await page.getByRole("link", { name: "Station hall 1" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Station hall 1" })).toBeVisible();
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
    const shown = page.getByRole("dialog", { name: "New secret issued" });
    const rotated = await shown.getByLabel("Secret").inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await expect(shown).toContainText("The previous secret keeps verifying for 24 hours");
    await shown.getByRole("button", { name: "I have saved the secret" }).click();
    await expect(page.getByText("Previous secret valid until")).toBeVisible();
    expect((await sendMachineEvents(request, machineId, secret, [heartbeatEvent(4.6)])).status).toBe(200);
    expect((await sendMachineEvents(request, machineId, rotated, [heartbeatEvent(4.7)])).status).toBe(200);
    secret = rotated;
  });

  await test.step("disable the machine: the API answers 403", async () => {
    await page.getByRole("button", { name: "Disable machine" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Disable machine" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Station hall 1" }).locator("xpath=..")).toContainText("Disabled");
    const refused = await sendMachineEvents(request, machineId, secret, [heartbeatEvent(5)]);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe("machine_disabled");
    await expect(page.getByRole("button", { name: "Enable machine" })).toBeVisible();
  });

  await test.step("a viewer sees everything and no edit controls", async () => {
    const { context: viewerContext } = await apiJoinOrg(browser, ownerContext, org.id, "viewer");
    const viewer = await viewerContext.newPage();
    await viewer.goto(`/o/${org.slug}/machines/${machineId}`);
    await expect(viewer.getByRole("heading", { level: 1, name: "Station hall 1" })).toBeVisible();
    await expect(viewer.getByRole("listitem", { name: "Slot A1" })).toBeVisible();
    for (const name of ["Edit planogram", "Edit details", "Rotate secret", "Enable machine", "Disable machine"]) {
      await expect(viewer.getByRole("button", { name })).toHaveCount(0);
    }
    await viewer.goto(`/o/${org.slug}/machines`);
    await expect(viewer.getByRole("row", { name: /Station hall 1/ })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Register machine" })).toHaveCount(0);
    await viewer.goto(`/o/${org.slug}/products`);
    await expect(viewer.getByRole("row", { name: /Cola 0\.33 l/ })).toBeVisible();
    await expect(viewer.getByRole("button", { name: /Add product|Edit/ })).toHaveCount(0);
    await viewer.goto(`/o/${org.slug}/locations`);
    await expect(viewer.getByRole("row", { name: /Central Station/ })).toBeVisible();
    await expect(viewer.getByRole("button", { name: /Add location|Edit/ })).toHaveCount(0);
    // The API refuses what the UI does not offer.
    await expect(trpcMutation(viewerContext.request, "machines.setDisabled", { orgId: org.id, machineId, disabled: false })).rejects.toThrow(/403/);
    await viewerContext.close();
  });

  await test.step("a member of another organization gets 404 for the machine", async () => {
    const outsiderContext = await browser.newContext();
    const outsider = newAccount("outsider");
    await apiSignUp(outsiderContext.request, outsider);
    await apiSignIn(outsiderContext, outsider);
    const other = await apiCreateOrg(outsiderContext, `Other Fleet ${id}`);
    const stranger = await outsiderContext.newPage();
    for (const url of [`/o/${org.slug}/machines/${machineId}`, `/o/${other.slug}/machines/${machineId}`]) {
      expect((await stranger.goto(url))?.status(), url).toBe(404);
      await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(stranger.getByText("Station hall 1")).toHaveCount(0);
    }
    await outsiderContext.close();
  });

  await context.close();
  await ownerContext.close();
});
