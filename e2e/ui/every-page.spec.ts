import { devices, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appPages } from "../app-pages";
import { DEMO_ORG, apiSignIn, apiSignUp, demoEmail, demoPassword, expect, newAccount, test, trpcMutation } from "../fixtures";
import { restockEvent, sendMachineEvents } from "../machines";
import { PageSweep, SWEEP_COVERAGE_DIR } from "../page-sweep";
import { screenshots } from "../screenshots";

// Every page of the app, opened as the people who use it in Simplified Chinese (their browsers ask
// for zh-CN; English is what every other spec reads), must show no missing message and load without a console error (no
// Content-Security-Policy violation, no hydration error, no failed request) and without a serious
// or critical accessibility violation (axe, WCAG 2.2 AA rules). Each page is photographed on a
// desktop and a phone into test-results/screens/zh-CN/<who>/, kept with the test results. The pages come from
// app/, so a new page fails e2e/page-coverage/every-page.spec.ts until someone (operator, technician,
// consumer or visitor) reaches it by a link or it is added to the starts below.
const pages = appPages();
const org = `/o/${DEMO_ORG.slug}`;
/** The language the sweeps read the app in: the browser's, since the demo's people chose none. */
const language = "zh-CN";
test.use({ locale: language });
const inChinese = { locale: language };

// Addresses that links do not reach with the parameters that matter.
const operatorStarts = ["/orgs", "/orgs/new", org, `${org}/sales?status=failed`, `${org}/alerts/settings`, `${org}/notifications/preferences`];

async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await request.get(`/api/trpc/${path}${query}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A consumer's paid and dispensed order at a new operator's machine; the consumer stays signed in on `consumer`. */
async function consumerWithPurchase(operator: BrowserContext, consumer: BrowserContext) {
  const id = randomBytes(3).toString("hex");
  const owner = newAccount("owner");
  await apiSignUp(operator.request, owner);
  await apiSignIn(operator, owner);
  const created = await trpcMutation<{ id: string }>(operator.request, "org.create", { name: `Sweep Vending ${id}`, slug: `sweep-vending-${id}`, timeZone: "Europe/Berlin", currency: "EUR" });
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(operator.request, path, { orgId: created.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Town hall", kind: "office" });
  const cola = await call<{ id: string }>("products.create", { sku: "COLA", name: "Cola", priceMinor: 250, costMinor: 90 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: `Hall ${id}`, serial: `SN-${id}`, locationId: location.id });
  await call("planogram.set", { machineId: machine.id, slots: [{ code: "A1", productId: cola.id, capacity: 10, parLevel: 2 }] });
  const send = (events: unknown[]) => sendMachineEvents(operator.request, machine.id, credentials.secret, events);
  const heartbeat = () => ({ id: `evt-${randomBytes(6).toString("hex")}`, type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC: 5, doorOpen: false } });
  await send([heartbeat(), restockEvent([{ slot: "A1", quantity: 5 }])]);

  const account = newAccount("consumer");
  await apiSignUp(consumer.request, account);
  await apiSignIn(consumer, account);
  const { orderId } = await trpcMutation<{ orderId: string }>(consumer.request, "checkout.create", { machineId: machine.id, slot: "A1" });
  await send([heartbeat()]);
  const vended = {
    id: `evt-${randomBytes(6).toString("hex")}`,
    type: "vend.succeeded",
    occurredAt: new Date().toISOString(),
    data: { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "online" }, orderId },
  };
  expect((await send([vended])).status).toBe(200);
  return { machineId: machine.id, orderId };
}

function expectNoProblems(sweep: PageSweep, who: string) {
  expect.soft(sweep.problems, `${who}: console errors, page errors or failed requests:\n${sweep.report()}`).toEqual([]);
  expect.soft(sweep.barriers, `${who}: serious or critical accessibility violations (axe):\n${sweep.barrierReport()}`).toEqual([]);
}

// The people sweep in parallel; each writes the pages it reached, and e2e/page-coverage/every-page.spec.ts
// (run after the ui project) checks that together they reached every page of app/.
function recordCoverage(who: string, sweeps: PageSweep[]) {
  mkdirSync(SWEEP_COVERAGE_DIR, { recursive: true });
  const templates = [...new Set(sweeps.flatMap((s) => [...s.visited.keys()]))];
  writeFileSync(path.join(SWEEP_COVERAGE_DIR, `${who}.json`), JSON.stringify(templates));
}

test("every operator page opens without a console error or an accessibility barrier, as the owner", async ({ page, context }, testInfo) => {
  test.setTimeout(480_000);
  const shoot = screenshots(page, testInfo);
  await apiSignIn(context, { email: demoEmail("owner"), password: demoPassword() });
  const sweep = new PageSweep(page, pages, { testInfo, who: "owner", language });
  // Links out of the org (signing out, the consumer's pages) are swept as their people below.
  await sweep.crawl(operatorStarts, (pathname) => pathname.startsWith("/o/") || pathname.startsWith("/orgs"));
  expect([...sweep.visited.keys()].filter((t) => t.startsWith("/o/")).length).toBeGreaterThan(20);
  for (const template of ["/o/[org]", "/o/[org]/sales", "/o/[org]/audits", "/o/[org]/statistics", "/o/[org]/machines/[machineId]"]) {
    await page.goto(sweep.visited.get(template)!);
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => undefined);
    await shoot(`sweep-${template.split("/").slice(3).join("-") || "overview"}`, { phone: template === "/o/[org]" });
  }
  expectNoProblems(sweep, "owner");
  recordCoverage("owner", [sweep]);
});

test("a technician's pages open without a console error or an accessibility barrier", async ({ browser }, testInfo) => {
  test.setTimeout(420_000);
  const technician = await browser.newContext(inChinese);
  await apiSignIn(technician, { email: demoEmail("technician"), password: demoPassword() });
  const sweep = new PageSweep(await technician.newPage(), pages, { testInfo, who: "technician", language });
  await sweep.crawl([org, `${org}/routes/today`], (pathname) => pathname.startsWith("/o/"));
  expect.soft(sweep.visited.has("/o/[org]/routes/today")).toBe(true);
  expectNoProblems(sweep, "technician");
  recordCoverage("technician", [sweep]);
  await technician.close();
});

test("a consumer's and a visitor's pages open without a console error or an accessibility barrier", async ({ browser }, testInfo) => {
  test.setTimeout(420_000);
  const operator = await browser.newContext(inChinese);
  const shopper = await browser.newContext({ ...devices["Pixel 7"], ...inChinese });
  const { machineId, orderId } = await consumerWithPurchase(operator, shopper);
  const phone = await shopper.newPage();
  const sweep = new PageSweep(phone, pages, { testInfo, who: "consumer", language });
  await sweep.crawl([`/m/${machineId}`, `/order/${orderId}`, "/me", "/me/memberships", "/me/requests"], (pathname) => pathname.startsWith("/me"));
  expect.soft(sweep.visited.has("/me/purchases/[purchaseId]")).toBe(true);
  await phone.goto(`/m/${machineId}`);
  await screenshots(phone, testInfo)("sweep-machine-menu", { phone: false });
  expectNoProblems(sweep, "consumer");

  // A visitor: the home page, the forms, the API reference, an invitation link, and a guest's view of the consumer pages.
  const owner = await browser.newContext(inChinese);
  await apiSignIn(owner, { email: demoEmail("owner"), password: demoPassword() });
  const { id: orgId } = (await trpcQuery<{ id: string; slug: string }[]>(owner.request, "org.mine")).find((o) => o.slug === DEMO_ORG.slug)!;
  const { path: invitation } = await trpcMutation<{ path: string }>(owner.request, "invitations.create", { orgId, email: newAccount("invitee").email, role: "viewer" });
  const visitor = await browser.newContext(inChinese);
  const guest = new PageSweep(await visitor.newPage(), pages, { testInfo, who: "visitor", language });
  for (const url of ["/", "/sign-in", "/sign-up", "/docs/api", invitation, `/m/${machineId}`, `/order/${orderId}`, "/no-such-page"]) await guest.visit(url);
  // The unknown address answers 404 with the not-found page (the browser logs the 404), nothing else.
  const expected = (p: { url: string; message: string }) => p.url === "/no-such-page" && /404/.test(p.message);
  expect.soft(guest.problems.filter((p) => !expected(p)), `visitor:\n${guest.report()}`).toEqual([]);
  expect.soft(guest.barriers, `visitor: serious or critical accessibility violations (axe):\n${guest.barrierReport()}`).toEqual([]);

  // A host of one of the demo's places: the invitation as a visitor sees it, then the host portal.
  const [place] = await trpcQuery<{ id: string }[]>(owner.request, "locations.list", { orgId });
  const hostAccount = newAccount("host");
  const hostInvitation = await trpcMutation<{ path: string; token: string }>(owner.request, "hostAccess.invite", { orgId, email: hostAccount.email, locationIds: [place!.id] });
  await guest.visit(hostInvitation.path);
  const hostContext = await browser.newContext({ ...devices["Pixel 7"], ...inChinese });
  await apiSignUp(hostContext.request, hostAccount);
  await apiSignIn(hostContext, hostAccount);
  await trpcMutation(hostContext.request, "hostPortal.accept", { token: hostInvitation.token });
  const host = new PageSweep(await hostContext.newPage(), pages, { testInfo, who: "host", language });
  await host.crawl(["/h"], (pathname) => pathname.startsWith("/h"));
  expect.soft(host.visited.has("/h/[org]/locations/[locationId]")).toBe(true);
  expectNoProblems(host, "host");
  recordCoverage("consumer-and-visitor", [sweep, guest, host]);
  await Promise.all([operator.close(), shopper.close(), owner.close(), visitor.close(), hostContext.close()]);
});
