import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { apiCreateOrg, expect, test, trpcMutation } from "../fixtures";
import { restockEvent, sendMachineEvents } from "../machines";

// What an integrator does with nothing but the OpenAPI document and a key an admin created in the
// app: list yesterday's sales, change a price, and receive the sales as signed sale.recorded webhooks.

type OpenApi = { servers: { url: string }[]; paths: Record<string, Record<string, { operationId: string; parameters?: ({ name: string; in: string } | { $ref: string })[] }>> };

/** The method and path template of an operation, found by its id in the document. */
function operation(doc: OpenApi, id: string): { method: string; path: string; parameters: string[] } {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op.operationId === id) return { method: method.toUpperCase(), path, parameters: (op.parameters ?? []).flatMap((p) => ("name" in p ? [p.name] : [])) };
    }
  }
  throw new Error(`operation ${id} is not in the OpenAPI document`);
}

/** Yesterday's date in a time zone, YYYY-MM-DD. */
function yesterdayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() - 86_400_000));
}

let receiver: Server;
const deliveries: { headers: Record<string, string>; body: string }[] = [];
test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      deliveries.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test("an integrator lists yesterday's sales, changes a price and receives sale.recorded webhooks", async ({ page, context, member }) => {
  test.setTimeout(180_000);
  expect(member.email).toContain("@");
  const id = randomBytes(3).toString("hex");
  const org = await apiCreateOrg(context, `Integrator Vending ${id}`);
  const call = <T,>(path: string, input: Record<string, unknown>) => trpcMutation<T>(context.request, path, { orgId: org.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Station", kind: "office" });
  const water = await call<{ id: string }>("products.create", { sku: "WATER", name: "Water", priceMinor: 150, costMinor: 40 });
  const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: "Platform 1", serial: `SN-${id}`, locationId: location.id });
  await call("planogram.set", { machineId: machine.id, slots: [{ code: "A1", productId: water.id, capacity: 10, parLevel: 2 }] });

  // The integrator's endpoint subscribes to sales before any are made.
  const port = (receiver.address() as AddressInfo).port;
  const { secret: endpointSecret } = await call<{ secret: string }>("webhooks.create", { url: `http://127.0.0.1:${port}/vendops`, description: "ERP", eventTypes: ["sale.recorded"] });

  // The machine reports three sales yesterday (local time) and one now.
  const yesterday = yesterdayIn("Europe/Berlin");
  const at = (time: string) => new Date(new Date(`${yesterday}T${time}:00Z`).getTime() - 3600_000).toISOString();
  const vend = (occurredAt: string) => ({ id: `evt-${randomBytes(6).toString("hex")}`, type: "vend.succeeded", occurredAt, data: { slot: "A1", priceMinor: 150, currency: "EUR", payment: { method: "card" } } });
  const sent = await sendMachineEvents(context.request, machine.id, credentials.secret, [
    restockEvent([{ slot: "A1", quantity: 10 }], new Date(`${yesterday}T05:00:00Z`)),
    vend(at("09:15")),
    vend(at("12:30")),
    vend(at("18:45")),
    vend(new Date().toISOString()),
  ]);
  expect(sent.status).toBe(200);

  // An admin creates the key in the app and hands it over.
  await page.goto(`/o/${org.slug}/settings/api-keys`);
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("ERP sync");
  for (const scope of ["Machines: read", "Sales: read", "Planograms: read", "Planograms: write"]) await dialog.getByLabel(scope).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = await dialog.getByLabel("API key").inputValue();
  expect(key).toMatch(/^vo_live_/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("list", { name: "API keys" })).toContainText("ERP sync");
  expect(await page.content()).not.toContain(key);

  // From here on: only the OpenAPI document and the key.
  const doc = (await (await context.request.get("/api/v1/openapi.json")).json()) as OpenApi;
  const base = new URL(doc.servers[0]!.url).pathname;
  const auth = { authorization: `Bearer ${key}` };

  const listSales = operation(doc, "listSales");
  expect(listSales.parameters).toContain("day");
  const sales: { id: string; amount_minor: number; occurred_at: string }[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ day: yesterday, limit: "2", ...(cursor ? { cursor } : {}) });
    const res = await context.request.get(`${base}${listSales.path}?${query}`, { headers: auth });
    expect(res.status(), await res.text()).toBe(200);
    const page = (await res.json()) as { data: typeof sales; next_cursor: string | null };
    sales.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  expect(sales).toHaveLength(3);
  expect(new Set(sales.map((s) => s.id)).size).toBe(3);
  expect(sales.every((s) => s.amount_minor === 150)).toBe(true);

  // Change A1's price: read the slot, then patch it with the ETag read and an idempotency key.
  const listMachines = operation(doc, "listMachines");
  const machines = (await (await context.request.get(`${base}${listMachines.path}`, { headers: auth })).json()) as { data: { id: string }[] };
  expect(machines.data.map((m) => m.id)).toEqual([machine.id]);
  const getSlot = operation(doc, "getSlot");
  const slotPath = `${base}${getSlot.path.replace("{machine_id}", machine.id).replace("{slot}", "A1")}`;
  const read = await context.request.get(slotPath, { headers: auth });
  expect(read.status()).toBe(200);
  const etag = read.headers()["etag"]!;
  const updateSlot = operation(doc, "updateSlot");
  expect(updateSlot.path).toBe(getSlot.path);
  const idempotencyKey = randomUUID();
  const patch = () =>
    context.request.fetch(slotPath, { method: updateSlot.method, headers: { ...auth, "content-type": "application/json", "if-match": etag, "idempotency-key": idempotencyKey }, data: { price_minor: 180 } });
  const changed = await patch();
  expect(changed.status(), await changed.text()).toBe(200);
  expect(((await changed.json()) as { price_minor: number }).price_minor).toBe(180);
  const retried = await patch();
  expect(retried.headers()["idempotent-replayed"]).toBe("true");
  expect(((await (await context.request.get(slotPath, { headers: auth })).json()) as { price_minor: number }).price_minor).toBe(180);

  // The operator sees the new price on the machine's page.
  await page.goto(`/o/${org.slug}/machines/${machine.id}`);
  await expect(page.getByText("1.80").first()).toBeVisible();

  // The four sales arrive as one signed sale.recorded delivery (the feed runs every minute).
  await expect.poll(() => deliveries.length, { timeout: 130_000, intervals: [2_000] }).toBeGreaterThan(0);
  const delivery = deliveries[0]!;
  const payload = new Webhook(endpointSecret).verify(delivery.body, delivery.headers) as { type: string; data: { sales: { id: string; machine_id: string }[] } };
  expect(payload.type).toBe("sale.recorded");
  expect(payload.data.sales).toHaveLength(4);
  expect(payload.data.sales.every((s) => s.machine_id === machine.id)).toBe(true);
  expect(payload.data.sales.map((s) => s.id)).toEqual(expect.arrayContaining(sales.map((s) => s.id)));
});
