// Addresses an operator, a shopper or a scanner may send by hand: ids of the wrong shape or of another
// org, and query strings full of what no filter holds. A detail page answers 404; a list page answers
// 200 and ignores what it cannot use. Neither renders a server error (Next.js sends its digest into
// the page when a component failed on the server) nor logs one in the browser.
import type { APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { DEMO_ORG, apiCreateOrg, apiSignIn, apiSignUp, demoEmail, demoPassword, expect, newAccount, test, trpcMutation } from "../fixtures";
import { sendMachineEvents } from "../machines";

const renderedServerError = /\\?"digest\\?":\\?"\d+\\?"|data-dgst="\d+"/;
const demo = `/o/${DEMO_ORG.slug}`;
const unknownId = (prefix: string) => `${prefix}_${randomBytes(16).toString("hex").slice(0, 22)}`;

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("ids of the wrong shape or of another org answer 404, hostile query strings are ignored, and no page renders a server error", async ({ browser }) => {
  test.setTimeout(120_000);
  // Another org with a machine that raised an alert: its ids must be as unknown to the demo owner as made-up ones.
  const other = await browser.newContext();
  const stranger = newAccount("stranger");
  await apiSignUp(other.request, stranger);
  await apiSignIn(other, stranger);
  const org = await apiCreateOrg(other, `Elsewhere Vending ${randomBytes(3).toString("hex")}`);
  const { machine, credentials } = await trpcMutation<{ machine: { id: string }; credentials: { secret: string } }>(other.request, "machines.register", { orgId: org.id, name: "Far away", serial: `SN-${randomBytes(4).toString("hex")}` });
  const fault = { id: `evt-${randomBytes(4).toString("hex")}`, type: "machine.fault", occurredAt: new Date().toISOString(), data: { code: "COOLING", severity: "critical", message: "Cooling unit failed" } };
  expect((await sendMachineEvents(other.request, machine.id, credentials.secret, [fault])).status).toBe(200);
  const alerts = await trpcQuery<{ id: string }[] | { items: { id: string }[] }>(other.request, "alerts.list", { orgId: org.id });
  const theirAlert = (Array.isArray(alerts) ? alerts : alerts.items)[0]!.id;

  const context = await browser.newContext();
  await apiSignIn(context, { email: demoEmail("owner"), password: demoPassword() });
  const page = await context.newPage();
  const logged: string[] = [];
  page.on("console", (msg) => {
    // The browser reports the 4xx of the document itself; that one is the answer asked for.
    if (msg.type() === "error" && !/status of 40[04]/.test(msg.text())) logged.push(msg.text());
  });
  page.on("pageerror", (error) => logged.push(`uncaught: ${error.message}`));

  // A control character in the path is refused before any page runs (400); a 404 would do as well.
  const refused = [400, 404];
  const cases: [string, number | number[]][] = [
    [`${demo}/alerts/${"a".repeat(3000)}`, 404],
    [`${demo}/alerts/${theirAlert}`, 404],
    [`${demo}/alerts/${unknownId("alr")}`, 404],
    [`${demo}/alerts/alr%00x`, refused],
    [`${demo}/machines/${machine.id}`, 404],
    [`${demo}/machines/${"m".repeat(3000)}`, 404],
    [`${demo}/routes/${unknownId("rte")}/pick-list?day=2026-02-30`, 404],
    [`/order/${unknownId("ord")}`, 404],
    [`/order/${"o".repeat(3000)}`, 404],
    [`/me/purchases/${unknownId("sal")}`, 404],
    [`/me/purchases/sal%07`, refused],
    [`/m/${machine.id}x`, 404],
    [`/m/${"z".repeat(3000)}`, 404],
    [`/invite/short`, 404],
    [`/invite/${randomBytes(24).toString("base64url")}`, 404],
    [`${demo}/machines?q=machine%00&from=' or 1=1 --&route=𝕍𝕖𝕟𝕕`, 200],
    [`${demo}/machines?q=${"𝕍".repeat(150)}&location=%07&status=__proto__&sort=constructor`, 200],
    [`${demo}/rankings?register=+&location=%07bell&email=eyJhIjoxfQ&to=tail%EF%BF%BD`, 200],
    [`${demo}/rankings?days=toString&location=${"l".repeat(3000)}`, 200],
    [`${demo}/alerts?machine=%00&location=x'--&sort=__proto__&severity=%07`, 200],
    [`${demo}/sales?machineId=%00&locationId=%07&from=2026-02-30&to=0000-01-01&paymentMethod=toString`, 200],
    [`${demo}/orders?machineId=%07&status=constructor`, 200],
    [`${demo}/refunds?status=%00&origin=toString`, 200],
    [`${demo}/routes/today?route=%00`, 200],
    [`${demo}/routes/today?route=${unknownId("rte")}`, 200],
    [`${demo}/statistics?month=2026-13`, 200],
  ];
  const wrong: string[] = [];
  for (const [url, expected] of cases) {
    logged.length = 0;
    const response = await page.goto(url);
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
    const body = (await response?.text()) ?? "";
    const short = url.length > 100 ? `${url.slice(0, 100)}…` : url;
    const statuses = [expected].flat();
    if (!statuses.includes(response?.status() ?? 0)) wrong.push(`${short}: answered ${response?.status()}, expected ${statuses.join(" or ")}`);
    if (renderedServerError.test(body)) wrong.push(`${short}: the page carries a server error digest`);
    if (logged.length > 0) wrong.push(`${short}: the browser logged ${logged.join(" | ").slice(0, 300)}`);
  }
  expect(wrong, wrong.join("\n")).toEqual([]);
  await Promise.all([context.close(), other.close()]);
});
