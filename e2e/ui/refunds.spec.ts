import type { APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { DEMO_ORG, apiCreateOrg, apiSignIn, apiSignUp, demoEmail, demoPassword, expect, newAccount, test, trpcMutation } from "../fixtures";
import { heartbeatEvent, restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

/** Calls a tRPC query over HTTP (superjson on the wire) and returns its result. */
async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}`, { params: { input: JSON.stringify({ json: input }) } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} answered ${res.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json;
}

test("the demo owner sees refunds and orders, and sets up membership tiers", async ({ page, context }, testInfo) => {
  await apiSignIn(context, { email: demoEmail("owner"), password: demoPassword() });
  const shoot = screenshots(page, testInfo);

  await test.step("refunds: counts per state, then rows or the empty state", async () => {
    await page.goto(`/o/${DEMO_ORG.slug}/refunds`);
    await expect(page.getByRole("heading", { level: 1, name: "Refunds" })).toBeVisible();
    await expect(page.getByRole("definition").first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Refunds" }).or(page.getByText("No refunds yet"))).toBeVisible();
    await shoot("refunds-demo", { dark: false, phone: false });
  });

  await test.step("orders: rows or the empty state that explains them", async () => {
    await page.getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Online orders" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Online orders" }).or(page.getByText("No online orders yet"))).toBeVisible();
    await shoot("orders-demo", { dark: false, phone: false });
  });

  await test.step("membership: tiers are saved sorted and survive a reload", async () => {
    await page.getByRole("link", { name: "Loyalty program" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Membership" })).toBeVisible();
    const remove = page.getByRole("button", { name: /^Remove tier/ });
    while ((await remove.count()) > 0) await remove.first().click();
    await page.getByLabel("Run a points program").check();
    await page.getByLabel(/Points per 1 EUR spent/).fill("10");
    for (const [name, points] of [["Gold", "500"], ["Silver", "100"]] as const) {
      await page.getByRole("button", { name: "Add tier" }).click();
      await page.getByLabel(/^Tier \d+ name$/).last().fill(name);
      await page.getByLabel(/^Tier \d+ from points$/).last().fill(points);
    }
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Membership saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Tier 1 name")).toHaveValue("Silver");
    await expect(page.getByLabel("Tier 1 from points")).toHaveValue("100");
    await expect(page.getByLabel("Tier 2 name")).toHaveValue("Gold");
    await expect(page.getByLabel(/Points per 1 EUR spent/)).toHaveValue("10");
    await shoot("membership", { dark: false });
  });

  await test.step("two tiers from the same points: the server's message shows", async () => {
    await page.getByLabel("Tier 2 from points").fill("100");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Two tiers start at 100 points").first()).toBeVisible();
  });
});

test("a manager refunds a sale by hand and decides on consumers' requests", async ({ page, context, browser }, testInfo) => {
  test.setTimeout(90_000);
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(context.request, owner);
  await apiSignIn(context, owner);
  const org = await apiCreateOrg(context, `Refund Vending ${id}`);
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Harbour", kind: "station" });
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 100 });
  const chips = await call<{ id: string }>("products.create", { sku: "CHIPS", name: "Chips", priceMinor: 180, costMinor: 60 });
  const machineName = `Ferry terminal ${id}`;
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", {
    name: machineName,
    serial: `SN-${id}`,
    locationId: location.id,
  });
  await call("planogram.set", {
    machineId: machine.id,
    slots: [
      { code: "A1", productId: cola.id, capacity: 20, parLevel: 5 },
      { code: "A2", productId: chips.id, capacity: 20, parLevel: 5 },
    ],
  });
  const send = (events: unknown[]) => sendMachineEvents(context.request, machine.id, credentials.secret, events);
  await send([heartbeatEvent(5), restockEvent([{ slot: "A1", quantity: 20 }, { slot: "A2", quantity: 20 }])]);
  await send([vendEvent("A2", { priceMinor: 180, method: "card", at: new Date(Date.now() - 5000) }), vendEvent("A1", { priceMinor: 250, method: "cash" })]);

  // A consumer with an account buys two colas online; the machine vends both; they report both.
  const consumerContext = await browser.newContext();
  const consumer = newAccount("consumer");
  await apiSignUp(consumerContext.request, consumer);
  await apiSignIn(consumerContext, consumer);
  const orderIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { orderId } = await trpcMutation<{ orderId: string }>(consumerContext.request, "checkout.create", { machineId: machine.id, slot: "A1" });
    orderIds.push(orderId);
  }
  await send(orderIds.map((orderId) => ({ ...vendEvent("A1", { priceMinor: 250, method: "online" }), data: { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "online" }, orderId } })));
  const { purchases } = await trpcQuery<{ purchases: { id: string; kind: string }[] }>(consumerContext.request, "consumer.purchases", {});
  const sold = purchases.filter((p) => p.kind === "sale");
  expect(sold).toHaveLength(2);
  for (const p of sold) await trpcMutation(consumerContext.request, "consumer.reportProblem", { saleId: p.id, reason: "Nothing came out of the machine." });
  await consumerContext.close();

  const shoot = screenshots(page, testInfo);

  await test.step("orders: both online orders, dispensed, by an account", async () => {
    await page.goto(`/o/${org.slug}/orders`);
    const rows = page.getByRole("table", { name: "Online orders" }).getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText(machineName);
    await expect(rows.nth(1)).toContainText("€2.50");
    await expect(rows.nth(1)).toContainText("Dispensed");
    await expect(rows.nth(1)).toContainText("Account");
    await expect(rows.nth(1).getByRole("link", { name: /Order page/ })).toHaveAttribute("href", `/order/${orderIds[1]}`);
    await shoot("orders");
  });

  await test.step("sales: the card sale can be refunded, the cash sale cannot; a reason is required", async () => {
    await page.goto(`/o/${org.slug}/sales`);
    await expect(page.getByRole("button", { name: /^Refund €2\.50/ })).toHaveCount(2);
    const chipsRefund = page.getByRole("button", { name: /^Refund €1\.80 for Chips/ });
    await chipsRefund.click();
    const dialog = page.getByRole("dialog", { name: "Refund €1.80?" });
    await dialog.getByRole("button", { name: "Refund sale" }).click();
    await expect(dialog.getByText("Give a reason.")).toBeVisible();
    await dialog.getByLabel("Reason").fill("Bag was torn");
    await shoot("sales-refund-dialog", { dark: false, phone: false });
    await dialog.getByRole("button", { name: "Refund sale" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("row", { name: /Chips/ })).toContainText(/Refund pending|Refunding|Refunded/);
    await expect(chipsRefund).toHaveCount(0);
  });

  await test.step("requests: approve one, reject one with a reason", async () => {
    await page.getByRole("link", { name: /^Refund requests/ }).click();
    await expect(page.getByRole("link", { name: /^Refund requests/ })).toContainText("2");
    // Each request (named "Request about …") holds its evidence, which lists the consumer's other requests too.
    const pending = page.getByRole("listitem", { name: /^Request about/ }).filter({ hasText: "Nothing came out of the machine." });
    await expect(pending).toHaveCount(2);
    await shoot("refund-requests");
    await pending.first().getByRole("button", { name: /^Reject/ }).click();
    const reject = page.getByRole("dialog", { name: "Reject this request?" });
    await reject.getByRole("button", { name: "Reject request" }).click();
    await expect(reject.getByText("Give a reason.")).toBeVisible();
    await reject.getByLabel("Reason for the consumer").fill("The machine's log shows it was dispensed.");
    await reject.getByRole("button", { name: "Reject request" }).click();
    await expect(reject).toBeHidden();
    await pending.first().getByRole("button", { name: /^Approve/ }).click();
    await page.getByRole("dialog", { name: "Refund €2.50?" }).getByRole("button", { name: "Approve and refund" }).click();
    await expect(page.getByText("All caught up")).toBeVisible();
    const decided = page.getByRole("table", { name: "Decided" });
    await expect(decided.getByRole("row")).toHaveCount(3);
    await expect(decided).toContainText("The machine's log shows it was dispensed.");
    await expect(decided).toContainText("Approved");
    await shoot("refund-requests-decided", { dark: false });
  });

  await test.step("refunds: the hand refund and the approved request, with machine and amount", async () => {
    await page.getByRole("link", { name: "Refunds" }).click();
    const table = page.getByRole("table", { name: "Refunds" });
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByRole("row", { name: /Chips/ })).toContainText(machineName);
    await expect(table.getByRole("row", { name: /Chips/ })).toContainText("€1.80");
    await expect(table.getByRole("row", { name: /Chips/ })).toContainText("Bag was torn");
    await expect(table.getByRole("row", { name: /Cola/ })).toContainText("Requested");
    await page.getByRole("button", { name: "Filter by origin" }).click();
    await page.getByRole("menuitemradio", { name: "By hand" }).click();
    await expect(page).toHaveURL(/origin=manual/);
    await expect(table.getByRole("row")).toHaveCount(2);
    await page.getByRole("button", { name: "Remove origin filter" }).click();
    await expect(table.getByRole("row")).toHaveCount(3);
    await shoot("refunds");
  });
});
