import { randomBytes } from "node:crypto";
import { apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { apiJoinOrg, restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

const DAY = 24 * 60 * 60 * 1000;
const phone = { width: 390, height: 844 };

/** A zone where it is morning now, so most of today's demand is still ahead and a visit is due today. */
function morningZone(): string {
  const zones = ["Pacific/Kiritimati", "Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "America/Sao_Paulo", "America/New_York", "America/Los_Angeles", "Pacific/Honolulu"];
  const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
  return zones.find((z) => hourIn(z) >= 5 && hourIn(z) <= 12) ?? "UTC";
}

test("a technician opens today's route on a phone, sees the pick list, records a visit and the stock changes", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const id = randomBytes(3).toString("hex");
  const ownerContext = await browser.newContext();
  const owner = newAccount("owner");
  await apiSignUp(ownerContext.request, owner);
  await apiSignIn(ownerContext, owner);
  const org = await trpcMutation<{ id: string; slug: string }>(ownerContext.request, "org.create", {
    name: `Route Vending ${id}`,
    slug: `route-vending-${id}`,
    timeZone: morningZone(),
    currency: "EUR",
  });
  const call = <T,>(path: string, input: Record<string, unknown> = {}) => trpcMutation<T>(ownerContext.request, path, { orgId: org.id, ...input });

  // A machine that sells eight colas a day, restocked every morning, down to one can now.
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 90 });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", priceMinor: 150, costMinor: 30 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: "Depot hall", serial: `SN-${id}` });
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
    for (let i = 0; i < 8; i++) events.push(vendEvent("A1", { priceMinor: 250, at: new Date(morning + (i + 1) * 60 * 60_000) }));
    events.push(vendEvent("A2", { priceMinor: 150, at: new Date(morning + 30 * 60_000) }));
  }
  events.push(restockEvent([{ slot: "A1", quantity: 1 }, { slot: "A2", quantity: 6 }], new Date(Date.now() - 60_000)));
  const sent = await sendMachineEvents(ownerContext.request, machine.id, credentials.secret, events);
  expect(sent.status).toBe(200);

  const { context, account: tech } = await apiJoinOrg(browser, ownerContext, org.id, "technician");
  const techs = (await (
    await ownerContext.request.get(`/api/trpc/routes.technicians?input=${encodeURIComponent(JSON.stringify({ json: { orgId: org.id } }))}`)
  ).json()) as { result: { data: { json: { id: string; email: string }[] } } };
  const techId = techs.result.data.json.find((t) => t.email === tech.email.toLowerCase())!.id;
  await call("routes.create", { name: "Morning loop", technicianId: techId, machineIds: [machine.id] });
  // Every day a working day, so the visit is due today whatever the weekday the spec runs on.
  await call("plans.updateSettings", { visitCostMinor: 300, fillTo: "capacity", selloutThreshold: 0.5, workingDays: [0, 1, 2, 3, 4, 5, 6] });
  await call("plans.refresh");

  const page = await context.newPage();
  await page.setViewportSize(phone);
  const shoot = screenshots(page, testInfo);

  await test.step("today's route shows the stop and the pick list", async () => {
    await page.goto(`/o/${org.slug}/routes/today`);
    await expect(page.getByRole("heading", { name: "Morning loop" })).toBeVisible();
    const pick = page.getByRole("region", { name: "Pick list" });
    await expect(pick.getByRole("listitem").filter({ hasText: "Cola" })).toContainText("× 11");
    await expect(page.getByRole("list", { name: "Stops" })).toContainText("Depot hall");
    await shoot("route-today", { phone: false });
  });

  await test.step("recording the visit updates the machine's stock", async () => {
    await page.getByRole("button", { name: "Record visit" }).click();
    const form = page.getByRole("form", { name: "Visit Depot hall" });
    await expect(form.getByRole("textbox", { name: /A1/ })).toHaveValue("12");
    await form.getByRole("button", { name: "One less in A2" }).click();
    await form.getByRole("textbox", { name: /A2/ }).fill("12");
    await shoot("route-visit-form", { phone: false, dark: false });
    await form.getByRole("button", { name: "Save visit" }).click();
    await expect(page.getByText(/Visited \d{2}:\d{2}/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Record visit" })).toHaveCount(0);

    const res = await ownerContext.request.get(`/api/trpc/planogram.get?input=${encodeURIComponent(JSON.stringify({ json: { orgId: org.id, machineId: machine.id } }))}`);
    const slots = ((await res.json()) as { result: { data: { json: { code: string; stock: number }[] } } }).result.data.json;
    expect(Object.fromEntries(slots.map((s) => [s.code, s.stock]))).toEqual({ A1: 12, A2: 12 });
    await shoot("route-visited", { phone: false, dark: false });
  });

  await test.step("the printable pick list and the plan", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const owned = await ownerContext.newPage();
    await owned.goto(`/o/${org.slug}/plans`);
    await expect(owned.getByRole("heading", { name: "Plans" })).toBeVisible();
    await owned.getByLabel("Only machines to visit").uncheck();
    await expect(owned.getByRole("table", { name: /Machines/ })).toContainText("Depot hall");
    await owned.getByRole("button", { name: "Slot forecasts for Depot hall" }).click();
    await expect(owned.getByRole("table", { name: "Slot forecasts" })).toContainText("Cola");
    await screenshots(owned, testInfo)("plans", { phone: true });
    await owned.goto(`/o/${org.slug}/routes`);
    await expect(owned.getByRole("row", { name: /Morning loop/ })).toContainText(tech.name);
    await screenshots(owned, testInfo)("routes", { phone: false });
    await owned.getByRole("link", { name: "Pick list for Morning loop" }).click();
    await expect(owned.getByRole("heading", { name: "Pick list · Morning loop" })).toBeVisible();
    await expect(owned.getByRole("link", { name: "CSV" })).toHaveAttribute("href", /pick-list\.csv\?day=\d{4}-\d{2}-\d{2}/);
    await screenshots(owned, testInfo)("pick-list", { phone: false });
  });
});
