import { expect, test } from "../fixtures";
import { orgWithVisitDueToday } from "../plan-org";
import { screenshots } from "../screenshots";

const phone = { width: 390, height: 844 };

test("a technician opens today's route on a phone, sees the pick list, records a visit and the stock changes", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const { ownerContext, org, machine, tech, techContext: context } = await orgWithVisitDueToday(browser);

  const page = await context.newPage();
  await page.setViewportSize(phone);
  const shoot = screenshots(page, testInfo);

  await test.step("today's route shows the stop and the pick list", async () => {
    await page.goto(`/o/${org.slug}/routes/today`);
    await expect(page.getByRole("heading", { name: "Morning loop" })).toBeVisible();
    const pick = page.getByRole("region", { name: "Pick list" });
    // The route's totals are folded below the stops.
    await pick.getByText("Route totals").click();
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
