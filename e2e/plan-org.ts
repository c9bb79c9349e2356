// A new operator whose plan sends a technician out today: one machine that sells eight colas a
// day, down to one can now, on a route with a technician, in a time zone where it is morning, with
// every day a working day. For specs of the home page, the plan and the technician's route.
import type { Browser, BrowserContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { apiSignIn, apiSignUp, expect, newAccount, trpcMutation, type Account } from "./fixtures";
import { apiJoinOrg, restockEvent, sendMachineEvents, vendEvent } from "./machines";

const DAY = 24 * 60 * 60 * 1000;

/** A zone where it is morning now, so most of today's demand is still ahead and a visit is due today. */
export function morningZone(): string {
  const zones = ["Pacific/Kiritimati", "Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "America/Sao_Paulo", "America/New_York", "America/Los_Angeles", "Pacific/Honolulu"];
  const hourIn = (timeZone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
  return zones.find((z) => hourIn(z) >= 5 && hourIn(z) <= 12) ?? "UTC";
}

export interface PlanOrg {
  ownerContext: BrowserContext;
  owner: Account;
  org: { id: string; slug: string; name: string };
  machine: { id: string; name: string; secret: string };
  route: { id: string; name: string };
  /** The route's technician, signed in on `techContext`. */
  tech: Account;
  techContext: BrowserContext;
  /** A tRPC mutation of the org as its owner. */
  call: <T>(path: string, input?: Record<string, unknown>) => Promise<T>;
}

export async function orgWithVisitDueToday(browser: Browser, label = "Route Vending"): Promise<PlanOrg> {
  const id = randomBytes(3).toString("hex");
  const ownerContext = await browser.newContext();
  const owner = newAccount("owner");
  await apiSignUp(ownerContext.request, owner);
  await apiSignIn(ownerContext, owner);
  const name = `${label} ${id}`;
  const org = await trpcMutation<{ id: string; slug: string }>(ownerContext.request, "org.create", {
    name,
    slug: `${label.toLowerCase().replace(/[^a-z]+/g, "-")}-${id}`,
    timeZone: morningZone(),
    currency: "EUR",
  });
  const call = <T,>(path: string, input: Record<string, unknown> = {}) => trpcMutation<T>(ownerContext.request, path, { orgId: org.id, ...input });

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

  const { context: techContext, account: tech } = await apiJoinOrg(browser, ownerContext, org.id, "technician");
  const techs = (await (
    await ownerContext.request.get(`/api/trpc/routes.technicians?input=${encodeURIComponent(JSON.stringify({ json: { orgId: org.id } }))}`)
  ).json()) as { result: { data: { json: { id: string; email: string }[] } } };
  const techId = techs.result.data.json.find((t) => t.email === tech.email.toLowerCase())!.id;
  const route = await call<{ id: string; name: string }>("routes.create", { name: "Morning loop", technicianId: techId, machineIds: [machine.id] });
  // Every day a working day, so the visit is due today whatever the weekday the spec runs on.
  await call("plans.updateSettings", { visitCostMinor: 300, fillTo: "capacity", selloutThreshold: 0.5, workingDays: [0, 1, 2, 3, 4, 5, 6] });
  await call("plans.refresh");
  return {
    ownerContext,
    owner,
    org: { ...org, name },
    machine: { id: machine.id, name: "Depot hall", secret: credentials.secret },
    route: { id: route.id, name: route.name },
    tech,
    techContext,
    call,
  };
}
