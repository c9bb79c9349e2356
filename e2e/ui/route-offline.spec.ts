import { devices, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { apiSignIn, DEMO_ORG, demoEmail, demoPassword, expect, test, trpcMutation } from "../fixtures";
import { screenshots } from "../screenshots";

// Both viewports drive the demo technician's route: one after the other, so each undoes its own visit.
test.describe.configure({ mode: "serial" });

const org = DEMO_ORG.slug;

interface ListedVisit {
  id: string;
  visitKey: string;
  machineId: string;
  routeId: string | null;
  counts: { slot: string; quantity: number }[];
  undoneAt: string | null;
}

async function trpcQuery<T>(context: BrowserContext, path: string, input?: Record<string, unknown>): Promise<T> {
  const query = input ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : "";
  const res = await context.request.get(`/api/trpc/${path}${query}`);
  expect(res.ok(), `${path} answered ${res.status()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The keys of the visits queued on the phone (IndexedDB). */
function queuedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("vendops-visits");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("queue")) return resolve([]);
          const keys = db.transaction("queue").objectStore("queue").getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

/** The stops' coordinates, read from their directions links (null for a stop linked by address or not at all). */
async function stopPlaces(stops: Locator): Promise<({ lat: number; lng: number } | null)[]> {
  const hrefs = await stops.evaluateAll((items) => items.map((li) => li.querySelector<HTMLAnchorElement>('a[href^="https://www.google.com/maps/dir/"]')?.href ?? null));
  return hrefs.map((href) => {
    const match = href ? /destination=(-?[\d.]+),(-?[\d.]+)$/.exec(href) : null;
    return match ? { lat: Number(match[1]), lng: Number(match[2]) } : null;
  });
}

const km = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

/** Opens the first of the technician's routes that has a stop to visit today; null when none has. */
async function routeWithStopToVisit(page: Page): Promise<Locator | null> {
  await page.goto(`/o/${org}/routes/today`);
  const select = page.getByRole("combobox", { name: "Route" });
  await expect(select).toBeVisible();
  const values = await select.locator("optgroup[label='My routes'] option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  for (const value of values) {
    await page.goto(`/o/${org}/routes/today?route=${value}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const stop = page.getByRole("list", { name: "Stops" }).locator(":scope > li").filter({ has: page.getByRole("button", { name: "Record visit" }) }).first();
    if (await stop.count()) return stop;
  }
  return null;
}

for (const viewport of ["desktop", "phone"] as const) {
  test(`on a ${viewport}, a visit recorded without a network is queued, sent once when it returns, and undone`, async ({ browser }, testInfo) => {
    test.setTimeout(150_000);
    const context = await browser.newContext(viewport === "phone" ? { ...devices["Pixel 7"] } : { viewport: { width: 1280, height: 900 } });
    await apiSignIn(context, { email: demoEmail("technician"), password: demoPassword() });
    const orgId = (await trpcQuery<{ id: string; slug: string }[]>(context, "org.mine")).find((o) => o.slug === org)!.id;
    const page = await context.newPage();
    const shoot = screenshots(page, testInfo);

    let stop = await routeWithStopToVisit(page);
    if (!stop) {
      // A day off for the demo's working week, or past its working hours (visits then go to the next
      // day): plan every day, all day, so today has stops.
      const manager = await browser.newContext();
      await apiSignIn(manager, { email: demoEmail("manager"), password: demoPassword() });
      const settings = await trpcQuery<{ visitCostMinor: number; fillTo: "capacity" | "par"; selloutThreshold: number }>(manager, "plans.settings", { orgId });
      await trpcMutation(manager.request, "plans.updateSettings", { orgId, visitCostMinor: settings.visitCostMinor, fillTo: settings.fillTo, selloutThreshold: settings.selloutThreshold, workingDays: [0, 1, 2, 3, 4, 5, 6], workStart: "00:00", workEnd: "23:59", sameDayCutoff: "23:59" });
      await trpcMutation(manager.request, "plans.refresh", { orgId });
      await manager.close();
      stop = await routeWithStopToVisit(page);
    }
    expect(stop, "a stop to visit on one of the technician's routes").not.toBeNull();
    // The stop by its place in the driving order, which its visit does not change.
    const label = (await stop!.getAttribute("aria-label"))!;
    const name = label.replace(/^Stop \d+: /, "");
    const target = page.getByRole("listitem", { name: label, exact: true });

    await test.step("the stops come in driving order, each with directions", async () => {
      const stops = page.getByRole("list", { name: "Stops" }).locator(":scope > li");
      const places = await stopPlaces(stops);
      expect(places.length).toBeGreaterThan(0);
      // Those with a map position first, each the nearest of those left after the one before it.
      const placed = places.filter((p) => p !== null);
      expect(places.slice(0, placed.length).every((p) => p !== null)).toBe(true);
      for (let i = 0; i + 1 < placed.length; i++) {
        const next = km(placed[i]!, placed[i + 1]!);
        for (const later of placed.slice(i + 2)) expect(next).toBeLessThanOrEqual(km(placed[i]!, later) + 1e-6);
      }
      await expect(target.getByRole("link", { name: `Directions to ${name}` })).toHaveAttribute("href", /^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=/);
      // How the stops are ordered is said when there is an order to speak of.
      if (places.length > 1) await expect(page.getByText(placed.length > 0 ? /In driving order, nearest next/ : /In route order/)).toBeVisible();
      else await expect(page.getByText(/In driving order|In route order/)).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
      await shoot(`route-offline-${viewport}-stops`, { phone: false, dark: viewport === "desktop" });
    });

    await test.step("the page is an installable app with a service worker it may run", async () => {
      const href = await page.locator('link[rel="manifest"]').getAttribute("href");
      expect(href).toBe(`/o/${org}/routes/today/manifest.webmanifest`);
      const manifest = (await (await context.request.get(href!)).json()) as { start_url: string; scope: string; icons: { sizes: string; purpose: string }[] };
      expect(manifest).toMatchObject({ start_url: `/o/${org}/routes/today`, scope: `/o/${org}/routes/today` });
      expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
      for (const icon of ["/icons/icon-192.png", "/icons/icon-512.png", "/icons/icon-maskable-512.png"]) {
        expect((await context.request.get(icon)).headers()["content-type"]).toBe("image/png");
      }
      // The worker's own policy lets it fetch from the app (a worker obeys the policy it was served with).
      const worker = await context.request.get("/sw.js");
      expect(worker.ok()).toBe(true);
      expect(worker.headers()["content-security-policy"]).toMatch(/connect-src 'self'/);
      const registered = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
      expect(registered).toMatch(new RegExp(`/o/${org}/routes/today$`));
      // It keeps the page it was registered from, to open it without a network.
      await expect.poll(() => page.evaluate(async () => Boolean(await caches.match(location.href)))).toBe(true);
    });

    await test.step("the route's totals are folded below the stops", async () => {
      const totals = page.getByRole("region", { name: "Pick list" });
      await expect(totals.getByRole("link", { name: "Print the pick list" })).toBeHidden();
      await totals.getByText("Route totals").click();
      await expect(totals.getByRole("link", { name: "Print the pick list" })).toBeVisible();
    });

    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("visits.record")) sent.push(request.postData() ?? "");
    });

    let visitKey = "";
    await test.step("without a network the visit is queued on the phone", async () => {
      await context.setOffline(true);
      await expect(page.getByRole("status", { name: "Visits on this phone" })).toContainText("No network.");
      await target.getByRole("button", { name: "Record visit" }).click();
      await target.getByRole("form", { name: `Visit ${name}` }).getByRole("button", { name: "Save visit" }).click();
      await expect(target.getByText("Queued on this phone, will be sent when the network is back.")).toBeVisible();
      await expect(target.getByText("Queued", { exact: true })).toBeVisible();
      await expect(page.getByRole("status", { name: "Visits on this phone" })).toContainText("1 visit queued on this phone, will be sent when the network is back.");
      const keys = await queuedKeys(page);
      expect(keys).toHaveLength(1);
      visitKey = keys[0]!;
      expect(sent).toEqual([]);
      await shoot(`route-offline-${viewport}-queued`, { phone: false, dark: false });
    });

    await test.step("the page opens again without a network, the visit still queued", async () => {
      await page.reload();
      await expect(page.getByRole("list", { name: "Stops" })).toBeVisible();
      await expect(page.getByRole("status", { name: "Visits on this phone" })).toContainText("1 visit queued on this phone");
    });

    await test.step("when the network returns the visit is sent, once", async () => {
      await context.setOffline(false);
      await expect(target.getByText(/Visited \d{2}:\d{2}/)).toBeVisible({ timeout: 20_000 });
      await expect(page.getByRole("status", { name: "Visits on this phone" })).toHaveCount(0);
      expect(await queuedKeys(page)).toEqual([]);
      expect(sent.filter((body) => body.includes(visitKey))).toHaveLength(1);

      const visits = await trpcQuery<ListedVisit[]>(context, "visits.list", { orgId, limit: 500 });
      const mine = visits.filter((v) => v.visitKey === visitKey);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.undoneAt).toBeNull();
      // Sent again (a lost answer): the same visit answers, nothing new is recorded.
      const again = await trpcMutation<{ duplicate: boolean; visit: { id: string } }>(context.request, "visits.record", {
        orgId,
        machineId: mine[0]!.machineId,
        routeId: mine[0]!.routeId,
        visitKey,
        counts: mine[0]!.counts,
      });
      expect(again).toMatchObject({ duplicate: true, visit: { id: mine[0]!.id } });
      expect((await trpcQuery<ListedVisit[]>(context, "visits.list", { orgId, limit: 500 })).filter((v) => v.visitKey === visitKey)).toHaveLength(1);
      await shoot(`route-offline-${viewport}-sent`, { phone: false, dark: viewport === "phone" });
      await target.getByRole("button", { name: "Correct counts" }).click();
      await expect(target.getByRole("form", { name: `Correct the visit to ${name}` })).toBeVisible();
      await shoot(`route-offline-${viewport}-correct`, { phone: false, dark: false });
      await target.getByRole("button", { name: "Cancel" }).click();
    });

    await test.step("the technician undoes the visit: the stop is to visit again, the visit kept as undone", async () => {
      await target.getByRole("button", { name: "Undo visit" }).click();
      const dialog = page.getByRole("alertdialog");
      await expect(dialog).toContainText(`Undo the visit to ${name}?`);
      await dialog.getByRole("button", { name: "Undo visit" }).click();
      await expect(dialog).toHaveCount(0);
      await expect(target.getByRole("button", { name: "Record visit" })).toBeVisible();
      await expect(target.getByText("To visit", { exact: true })).toBeVisible();
      const visits = await trpcQuery<ListedVisit[]>(context, "visits.list", { orgId, limit: 500 });
      const mine = visits.filter((v) => v.visitKey === visitKey);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.undoneAt).not.toBeNull();
    });

    await context.close();
  });
}
