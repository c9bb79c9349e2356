import { parse } from "csv-parse/sync";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

const DAY = 24 * 60 * 60 * 1000;

test("sales filters live in the URL, change the totals, and the CSV export follows them", async ({ page, context, request }, testInfo) => {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await apiCreateOrg(context, `Sales Vending ${id}`);
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

  // The first line of a total ("€6.50", "3"), found by its label.
  const figure = (label: string) => page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("+ dd > span").first();
  const shoot = screenshots(page, testInfo);

  await test.step("all time: every sale counts", async () => {
    await page.goto(`/o/${org.slug}/sales`);
    await expect(figure("Vends")).toHaveText("3");
    await expect(figure("Revenue")).toHaveText("€6.50");
    await expect(figure("Failed vends")).toHaveText("1");
    await expect(page.getByRole("table", { name: /Sales/ }).getByRole("row")).toHaveCount(5);
    // The failed card vend is refunded automatically (the demo provider settles at once).
    await expect(page.getByRole("row", { name: /Water/ }).filter({ hasText: "Failed" })).toContainText(/Refund pending|Refunding|Refunded/);
    await shoot("sales");
  });

  await test.step("today: the URL has the range and the totals drop the old sale", async () => {
    await page.getByRole("button", { name: "Today", exact: true }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect(figure("Vends")).toHaveText("2");
    await expect(figure("Revenue")).toHaveText("€4.00");
    await expect(figure("Average ticket")).toHaveText("€2.00");
    await expect(page.getByRole("button", { name: "Today", exact: true })).toHaveAttribute("aria-pressed", "true");
  });

  await test.step("card payments only, and the filter survives a reload", async () => {
    await page.getByRole("button", { name: "Filter by payment" }).click();
    await page.getByRole("menuitemradio", { name: "Card" }).click();
    await expect(page).toHaveURL(/paymentMethod=card/);
    await expect(figure("Revenue")).toHaveText("€2.50");
    await expect(figure("Failed vends")).toHaveText("1");
    await page.reload();
    await expect(page.getByRole("button", { name: "Payment filter: Card. Change" })).toBeVisible();
    await expect(figure("Revenue")).toHaveText("€2.50");
    await expect(figure("Margin")).toHaveText("60%");
  });

  await test.step("the CSV export holds exactly the filtered sales", async () => {
    const link = page.getByRole("link", { name: "Export CSV" });
    const href = await link.getAttribute("href");
    const query = new URL(page.url()).searchParams;
    expect(new URL(href!, page.url()).searchParams.toString()).toBe(query.toString());
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${org.slug}-sales-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const rows = parse(await readFile((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.product, r.payment_method, r.status, r.price])).toEqual([
      ["Cola", "card", "succeeded", "2.50"],
      ["Water", "card", "failed", "1.50"],
    ]);
    for (const r of rows) expect(r.occurred_at_local!.slice(0, 10)).toBe(query.get("from"));
  });

  await test.step("removing the filters brings everything back", async () => {
    await page.getByRole("button", { name: "Remove payment filter" }).click();
    await page.getByRole("button", { name: "All time" }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/sales$`));
    await expect(figure("Revenue")).toHaveText("€6.50");
  });
});
