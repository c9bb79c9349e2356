import type { APIRequestContext, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { apiCreateOrg, apiSignIn, apiSignUp, expect, newAccount, test, trpcMutation } from "../fixtures";
import { heartbeatEvent, restockEvent, sendMachineEvents, vendEvent } from "../machines";
import { screenshots } from "../screenshots";

// The org's rule approves a request the machine's own log proves, at once; a request it does not
// prove waits in the queue with its evidence. On a desktop and on a phone.

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}`, { params: { input: JSON.stringify({ json: input }) } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} answered ${res.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json;
}

async function expectNoSidewaysScroll(page: Page) {
  const width = page.viewportSize()!.width;
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: "the page scrolls sideways" }).toBeLessThanOrEqual(width);
}

const viewports = [
  { name: "desktop", viewport: { width: 1280, height: 900 }, phone: false },
  { name: "phone", viewport: { width: 390, height: 844 }, phone: true },
] as const;

for (const { name, viewport, phone } of viewports) {
  test.describe(`on a ${name}`, () => {
    test.use({ viewport, hasTouch: phone });

    test("a failed vend is refunded at once under the rule; an unproven request waits with its evidence", async ({ page, context, browser }, testInfo) => {
      test.setTimeout(120_000);
      const id = randomBytes(3).toString("hex");
      const owner = newAccount("owner");
      await apiSignUp(context.request, owner);
      await apiSignIn(context, owner);
      const org = await apiCreateOrg(context, `Rule Vending ${id}`);
      const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
      const location = await call<{ id: string }>("locations.create", { name: "Harbour", kind: "station" });
      const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 100 });
      const machineName = `Pier ${id}`;
      const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", {
        name: machineName,
        serial: `SN-${id}`,
        locationId: location.id,
      });
      await call("planogram.set", { machineId: machine.id, slots: [{ code: "A1", productId: cola.id, capacity: 20, parLevel: 5 }] });
      const send = async (events: unknown[]) => expect((await sendMachineEvents(context.request, machine.id, credentials.secret, events)).status).toBe(200);
      await send([heartbeatEvent(5), restockEvent([{ slot: "A1", quantity: 20 }])]);
      const shoot = screenshots(page, testInfo);

      await test.step("the admin switches the rule on", async () => {
        await page.goto(`/o/${org.slug}/refund-requests`);
        await expect(page.getByRole("heading", { name: "No refund requests" })).toBeVisible();
        const rule = page.getByRole("switch", { name: "Approve failed vends automatically" });
        await expect(rule).not.toBeChecked();
        await page.locator("label").filter({ has: rule }).click();
        await expect(rule).toBeChecked();
        await expect(page.getByRole("status").filter({ hasText: "Saved: matching requests are approved at once." })).toBeVisible();
        await shoot(`refund-requests-rule-${name}`, { phone: false, dark: !phone });
        await page.reload();
        await expect(page.getByRole("switch", { name: "Approve failed vends automatically" })).toBeChecked();
      });

      // A consumer buys a cola online; the machine reports it vended, then logs a failed vend for the same order.
      const consumerContext = await browser.newContext({ viewport, hasTouch: phone });
      const consumer = newAccount("consumer");
      await apiSignUp(consumerContext.request, consumer);
      await apiSignIn(consumerContext, consumer);
      const buy = async (failed: boolean) => {
        const { orderId } = await trpcMutation<{ orderId: string }>(consumerContext.request, "checkout.create", { machineId: machine.id, slot: "A1" });
        const vend = (ok: boolean) => {
          const e = vendEvent("A1", { priceMinor: 250, method: "online", failed: !ok });
          return { ...e, data: { ...e.data, payment: { method: "online" }, orderId } };
        };
        await send(failed ? [vend(true), vend(false)] : [vend(true)]);
        const { purchases } = await trpcQuery<{ purchases: { id: string; kind: string; orderId: string | null; status: string }[] }>(consumerContext.request, "consumer.purchases", {});
        return purchases.find((p) => p.kind === "sale" && p.orderId === orderId && p.status === "dispensed")!.id;
      };
      const consumerPage = await consumerContext.newPage();
      const reportCard = () => consumerPage.locator("section").filter({ has: consumerPage.getByRole("heading", { name: "Your problem report" }) });
      const reportProblem = async (saleId: string, reason: string) => {
        await consumerPage.goto(`/me/purchases/${saleId}`);
        await consumerPage.getByLabel("What went wrong?").fill(reason);
        await consumerPage.getByRole("button", { name: "Send report" }).click();
      };

      await test.step("the consumer reports the failed vend and sees it approved at once", async () => {
        const saleId = await buy(true);
        await reportProblem(saleId, "The machine took my money and nothing came out.");
        const card = reportCard();
        await expect(card.getByText("Approved", { exact: true })).toBeVisible();
        await expect(card.getByText(/Their reason: The machine logged a failed vend for this purchase at \d\d:\d\d/)).toBeVisible();
        await expectNoSidewaysScroll(consumerPage);
      });

      await test.step("a request the log does not prove waits, with its evidence", async () => {
        const saleId = await buy(false);
        await send([{ id: `evt-fault-${id}`, type: "machine.fault", occurredAt: new Date().toISOString(), data: { code: "COIN_JAM", severity: "warning", message: "Coin jam" } }]);
        await reportProblem(saleId, "The can was warm and dented.");
        await expect(reportCard().getByText("Under review")).toBeVisible();

        await page.goto(`/o/${org.slug}/refund-requests`);
        const pending = page.getByRole("listitem", { name: /^Request about/ }).filter({ hasText: "The can was warm and dented." });
        await expect(pending).toHaveCount(1);
        const evidence = pending.getByRole("group", { name: /Evidence for the request/ });
        const history = evidence.getByRole("region", { name: "The consumer's history with you" });
        await expect(history).toContainText("3 purchases (1 failed)");
        await expect(history).toContainText("1 earlier request (1 approved, 0 rejected)");
        await expect(history.getByText("Approved automatically")).toBeVisible();
        const log = evidence.getByRole("region", { name: /The machine's log/ });
        await expect(log).toContainText("1 failed vend on A1");
        await expect(log.getByRole("list", { name: "Machine events" })).toContainText("Fault COIN_JAM: Coin jam");
        await expect(log.getByRole("list", { name: "Alerts" })).toContainText("Coin jam");
        const decided = page.getByRole("table", { name: "Decided" });
        await expect(decided).toContainText("Approved automatically");
        await expect(decided).toContainText("The machine logged a failed vend for this purchase");
        await expectNoSidewaysScroll(page);
        await shoot(`refund-requests-evidence-${name}`, { phone: false, dark: !phone });
      });
      await consumerContext.close();
    });
  });
}
