import type { BrowserContext, Page, TestInfo } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { dexFile } from "../dex";
import { apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { apiJoinOrg, restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots, takeScreenshots } from "../screenshots";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A zone where it is morning now, so most of today's demand is still ahead and a visit is due today. */
function morningZone(): string {
  const zones = ["Pacific/Kiritimati", "Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "America/Sao_Paulo", "America/New_York", "America/Los_Angeles", "Pacific/Honolulu"];
  const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
  return zones.find((z) => hourIn(z) >= 5 && hourIn(z) <= 12) ?? "UTC";
}

async function newOwner(context: BrowserContext, label: string, timeZone: string) {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await trpcMutation<{ id: string; slug: string }>(context.request, "org.create", { name: `${label} ${id}`, slug: `${label.toLowerCase().replace(/\W+/g, "-")}-${id}`, timeZone, currency: "EUR" });
  const call = <T,>(path: string, input: Record<string, unknown> = {}) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  return { id, org, call };
}

/** At 375 px wide (the narrowest phone the product is checked at) nothing scrolls sideways; a screenshot when they are taken. */
async function expectFitsPhone(page: Page, testInfo: TestInfo, name: string) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 812 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${name} fits 375 px` }).toBeLessThanOrEqual(375);
  if (takeScreenshots) await screenshots(page, testInfo)(`${name}-375`, { phone: false, dark: false });
  if (viewport) await page.setViewportSize(viewport);
}

test("a technician on a phone records a visit with the machine's audit file and the cash counted", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const timeZone = morningZone();
  const ownerContext = await browser.newContext();
  const { id, org, call } = await newOwner(ownerContext, "Audit Route", timeZone);
  const serial = `SN-${id}`;

  // A machine that sells eight colas a day, down to one can now: its visit is due today.
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 90 });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", priceMinor: 150, costMinor: 30 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: "Station hall", serial });
  await call("planogram.set", {
    machineId: machine.id,
    slots: [
      { code: "A1", productId: cola.id, capacity: 12, parLevel: 6 },
      { code: "A2", productId: water.id, capacity: 12, parLevel: 6 },
    ],
  });
  const events = [];
  for (let d = 14; d >= 1; d--) {
    const morning = Date.now() - d * DAY;
    events.push(restockEvent([{ slot: "A1", quantity: 12 }, { slot: "A2", quantity: 12 }], new Date(morning)));
    for (let i = 0; i < 8; i++) events.push(vendEvent("A1", { priceMinor: 250, at: new Date(morning + (i + 1) * HOUR) }));
    events.push(vendEvent("A2", { priceMinor: 150, at: new Date(morning + 30 * 60_000) }));
  }
  // Since the last audit (read three hours ago) telemetry reported 3 colas and 2 waters.
  for (const at of [2.5, 2, 1.5]) events.push(vendEvent("A1", { priceMinor: 250, at: new Date(Date.now() - at * HOUR) }));
  for (const at of [2.2, 1.2]) events.push(vendEvent("A2", { priceMinor: 150, at: new Date(Date.now() - at * HOUR) }));
  events.push(restockEvent([{ slot: "A1", quantity: 1 }, { slot: "A2", quantity: 6 }], new Date(Date.now() - 60_000)));
  expect((await sendMachineEvents(ownerContext.request, machine.id, credentials.secret, events)).status).toBe(200);

  const earlier = dexFile({ serial, readAt: new Date(Date.now() - 3 * HOUR), timeZone, selections: [{ selection: "11", price: 250, count: 100 }, { selection: "12", price: 150, count: 40 }] });
  const [first] = await call<{ status: string }[]>("audits.upload", { files: [{ name: "earlier.dex", contentBase64: earlier.toString("base64"), machineId: machine.id }] });
  expect(first?.status).toBe("accepted");

  const { context, account: tech } = await apiJoinOrg(browser, ownerContext, org.id, "technician");
  const techs = (await (await ownerContext.request.get(`/api/trpc/routes.technicians?input=${encodeURIComponent(JSON.stringify({ json: { orgId: org.id } }))}`)).json()) as {
    result: { data: { json: { id: string; email: string }[] } };
  };
  const techId = techs.result.data.json.find((t) => t.email === tech.email.toLowerCase())!.id;
  await call("routes.create", { name: "Station loop", technicianId: techId, machineIds: [machine.id] });
  // Every day a working day, so the visit is due today whatever the weekday the spec runs on.
  await call("plans.updateSettings", { visitCostMinor: 300, fillTo: "capacity", selloutThreshold: 0.5, workingDays: [0, 1, 2, 3, 4, 5, 6] });
  await call("plans.refresh");

  const page = await context.newPage();
  await page.setViewportSize({ width: 375, height: 812 });
  const shoot = screenshots(page, testInfo);
  // Read now, at the visit: 7 colas and 2 waters since the earlier read; telemetry missed 4 colas.
  const atVisit = dexFile({ serial, readAt: new Date(), timeZone, selections: [{ selection: "11", price: 250, count: 107 }, { selection: "12", price: 150, count: 42 }] });

  await test.step("the visit form takes the cash counted and the audit file", async () => {
    await page.goto(`/o/${org.slug}/routes/today`);
    await expect(page.getByRole("heading", { name: "Station loop" })).toBeVisible();
    await page.getByRole("button", { name: "Record visit" }).click();
    const form = page.getByRole("form", { name: "Visit Station hall" });
    await form.getByRole("textbox", { name: /Cash counted/ }).fill("12,5x");
    await form.getByLabel("Audit file").setInputFiles({ name: "station-hall.dex", mimeType: "text/plain", buffer: atVisit });
    await expect(form.getByText("station-hall.dex")).toBeVisible();
    await form.getByRole("button", { name: "Save visit" }).click();
    await expect(form.getByText(/Enter the cash in EUR/)).toBeVisible();
    await form.getByRole("textbox", { name: /Cash counted/ }).fill("45.50");
    // The page fits the phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shoot("visit-form-audit", { phone: false, dark: false });
    await form.getByRole("button", { name: "Save visit" }).click();
  });

  await test.step("the recorded visit shows the audit accepted and the cash counted", async () => {
    const outcome = page.getByRole("region", { name: "Visit recorded" });
    await expect(outcome).toContainText("Visit recorded.");
    await expect(outcome).toContainText("Accepted");
    await expect(outcome).toContainText("CRC ok");
    await expect(outcome).toContainText("9 units sold since the last read");
    await expect(outcome).toContainText("Cash counted €45.50");
    // The variance shows once the cash domain answers with what the machine should have held.
    if (await outcome.getByText(/^Expected/).count()) await expect(outcome).toContainText(/short|over|exact/);
    await expect(page.getByRole("button", { name: "Record visit" })).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shoot("visit-recorded-audit", { phone: false, dark: true });
  });

  await test.step("the machine page reconciles the audit with telemetry", async () => {
    const owned = await ownerContext.newPage();
    await owned.goto(`/o/${org.slug}/machines/${machine.id}`);
    const audits = owned.getByRole("region", { name: "Audits", exact: true });
    await expect(audits.getByRole("list", { name: "Reconciliation with telemetry" })).toContainText("Telemetry missed 4 vends on A1 since the last audit.");
    await expect(audits.getByRole("table", { name: "Latest audits" }).getByRole("row")).toHaveCount(3);
    await expect(audits).toContainText("Read at a visit");
    await screenshots(owned, testInfo)("machine-audits-reconciled", { phone: false, dark: false });
    await audits.getByRole("button", { name: /^Details of the audit/ }).first().click();
    const sales = owned.getByRole("dialog", { name: "Audit of Station hall" }).getByRole("table", { name: "Sales since the previous read" });
    await expect(sales.getByRole("row", { name: /^11 A1/ })).toContainText("missed 4");
    await expect(sales.getByRole("row", { name: /^12 A2/ })).not.toContainText("missed");
    await screenshots(owned, testInfo)("audit-detail-reconciled", { phone: true, dark: false });
    await owned.close();
  });
  await Promise.all([context.close(), ownerContext.close()]);
});

test("an operator uploads three audit files at once, matched by serial or chosen, and finds them on the machines", async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  const { id, org, call } = await newOwner(context, "Audit Upload", "Europe/Berlin");
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 90 });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", priceMinor: 150, costMinor: 30 });
  const snack = await call<{ id: string }>("products.create", { sku: "BAR", name: "Cereal bar", priceMinor: 180, costMinor: 60 });
  const machines: Record<string, { id: string; serial: string }> = {};
  for (const name of ["Lobby", "Canteen", "Depot"]) {
    const serial = `${name.slice(0, 3).toUpperCase()}-${id}`;
    const { machine } = await call<{ machine: { id: string } }>("machines.register", { name, serial });
    await call("planogram.set", {
      machineId: machine.id,
      slots: [
        { code: "A1", productId: cola.id, capacity: 10, parLevel: 3 },
        { code: "A2", productId: water.id, capacity: 10, parLevel: 3 },
        { code: "A3", productId: snack.id, capacity: 10, parLevel: 3 },
      ],
    });
    machines[name] = { id: machine.id, serial };
  }
  const readAt = new Date(Date.now() - 2 * HOUR);
  const files = [
    {
      name: "lobby.dex",
      mimeType: "text/plain",
      buffer: dexFile({
        serial: machines.Lobby!.serial,
        readAt,
        timeZone: "Europe/Berlin",
        selections: [
          { selection: "11", price: 250, count: 120 },
          { selection: "12", price: 150, count: 64 },
          { selection: "99", price: 180, count: 30 },
        ],
        coinTubes: [
          { value: 50, count: 22 },
          { value: 100, count: 31 },
          { value: 200, count: 9 },
        ],
      }),
    },
    { name: "canteen.eva", mimeType: "text/plain", buffer: dexFile({ serial: machines.Canteen!.serial, readAt, timeZone: "Europe/Berlin", selections: [{ selection: "11", price: 250, count: 80 }] }) },
    { name: "old-controller.txt", mimeType: "text/plain", buffer: dexFile({ serial: `OLD-${id}`, readAt, timeZone: "Europe/Berlin", selections: [{ selection: "12", price: 150, count: 12 }] }) },
  ];
  const shoot = screenshots(page, testInfo);

  await test.step("the files are matched by serial, the unknown one by hand, and all three are accepted", async () => {
    await page.goto(`/o/${org.slug}/audits`);
    await expect(page.getByRole("heading", { name: "Audits", level: 1 })).toBeVisible();
    await expect(page.getByText("No audits yet")).toBeVisible();
    await page.getByLabel("Audit files", { exact: true }).setInputFiles(files);
    await expect(page.getByLabel("Machine for lobby.dex")).toHaveValue(machines.Lobby!.id);
    await expect(page.getByLabel("Machine for canteen.eva")).toHaveValue(machines.Canteen!.id);
    const unknown = page.getByLabel("Machine for old-controller.txt");
    await expect(unknown).toHaveValue("");
    await expect(page.getByRole("table", { name: "Files to upload" })).toContainText("No machine has this serial: choose one.");
    await page.getByRole("button", { name: "Upload 3 files" }).click();
    await expect(page.getByText("Choose the machine of every file first.")).toBeVisible();
    await unknown.selectOption(machines.Depot!.id);
    await shoot("audits-upload-ready", { phone: false, dark: false });
    await page.getByRole("button", { name: "Upload 3 files" }).click();
    const outcomes = page.getByRole("table", { name: "Files to upload" });
    await expect(outcomes.getByText("Accepted")).toHaveCount(3);
    await expect(page.getByRole("status").filter({ hasText: "3 accepted" })).toBeVisible();
    await expect(outcomes.getByRole("row", { name: /old-controller\.txt/ })).toContainText("1 note");
    await expect(outcomes.getByRole("link", { name: "Depot" })).toBeVisible();
  });

  await test.step("the fleet's list shows them, filterable by findings", async () => {
    const list = page.getByRole("table", { name: "Audits", exact: true });
    for (const name of ["Lobby", "Canteen", "Depot"]) await expect(list.getByRole("link", { name })).toBeVisible();
    await page.getByRole("button", { name: "Filter by findings" }).click();
    await page.getByRole("menuitemradio", { name: "Any finding" }).click();
    await expect(list.getByRole("link", { name: "Depot" })).toBeVisible();
    await expect(list.getByRole("link", { name: "Canteen" })).toHaveCount(0);
    await expect(page).toHaveURL(/findings=any/);
    await shoot("audits-list", { phone: true });
    await expectFitsPhone(page, testInfo, "audits-list");
    await page.getByRole("button", { name: "Remove findings filter" }).click();
    await list.getByRole("button", { name: /Details of Lobby's audit/ }).click();
    const dialog = page.getByRole("dialog", { name: "Audit of Lobby" });
    await expect(dialog.getByRole("table", { name: "Sales since the previous read" })).toContainText("First audit: nothing to compare with");
    await expect(dialog.getByRole("link", { name: "Download lobby.dex" })).toHaveAttribute("href", /^data:application\/octet-stream;base64,/);
    await expect(dialog.getByLabel("Raw text of lobby.dex")).toContainText(`ID1*${machines.Lobby!.serial}`);
    await shoot("audit-detail", { phone: true, dark: false });
    await page.keyboard.press("Escape");
  });

  await test.step("the machine page shows its audit, coin tubes and the selection map", async () => {
    await page.getByRole("table", { name: "Audits", exact: true }).getByRole("link", { name: "Lobby" }).click();
    await expect(page.getByRole("heading", { name: "Lobby", level: 1 })).toBeVisible();
    const audits = page.getByRole("region", { name: "Audits", exact: true });
    await expect(audits.getByRole("table", { name: "Latest audits" })).toContainText("Uploaded");
    await expect(audits.getByRole("table", { name: "Latest audits" })).toContainText("450.00 EUR");
    await expect(page.getByRole("table", { name: "Coin tubes" })).toContainText("0.50");
    const map = page.getByRole("form", { name: "Selection map" });
    await expect(map.getByLabel("Slot of selection 11")).toHaveValue("A1");
    await expect(map.getByLabel("Slot of selection 12")).toHaveValue("A2");
    await expect(map.getByLabel("Slot of selection 99")).toHaveValue("");
    await expect(page.getByRole("region", { name: "Selection map" })).toContainText("1 of 3 selections not mapped");
    await shoot("machine-audits", { phone: true });
    await expectFitsPhone(page, testInfo, "machine-audits");
    await map.getByLabel("Slot of selection 99").selectOption("A3");
    await map.getByRole("button", { name: "Save map" }).click();
    await expect(map).toContainText("Saved.");
    await expect(map.getByRole("row", { name: /99/ })).toContainText("Manual");
    await expect(map.getByRole("row", { name: /11/ })).toContainText("Auto");
    await expect(page.getByRole("region", { name: "Selection map" })).not.toContainText("selections not mapped");
  });
});
