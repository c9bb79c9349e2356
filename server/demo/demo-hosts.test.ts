import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardFees, hostContracts, hostMembers, hostStatements, locations, memberships, users } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addDays, localDay } from "~/server/time";
import { createLocation } from "~/server/fleet";
import { demoLocations } from "./catalog-data";
import { DEMO_HOST_EMAIL, seedDemoHosts } from "./demo-hosts";
import { asDemoOwner } from "./fleet-setup";
import { DEMO_OWNER_EMAIL, seedDemo } from "./seed";

let t: TestDatabase;
const password = "demo-password-for-tests";
const historyDays = 35;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("the demo's hosts", () => {
  it("gives places contracts of different kinds, one place a host, and every closed month a statement", async () => {
    // The demo's people and all its places (without machines and history, which take long to load).
    const { orgId } = await seedDemo(t.db, password, { fleet: false });
    const [owner] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_OWNER_EMAIL));
    const demoOwner = { orgId, ownerId: owner!.id };
    await asDemoOwner(t.db, demoOwner, async (ctx) => {
      for (const l of demoLocations) await createLocation(ctx, { name: l.name, address: l.address, latitude: l.latitude, longitude: l.longitude, kind: l.kind });
    });
    await seedDemoHosts(t.db, demoOwner, { password, historyDays });
    const today = localDay(new Date(), "Europe/Berlin");
    const firstMonth = addDays(today, -historyDays).slice(0, 7);
    const lastClosed = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

    const contracts = await t.db.select().from(hostContracts).where(eq(hostContracts.orgId, orgId));
    const kinds = new Set(
      contracts.map((c) =>
        [c.tiers ? "tiers" : "", c.percentBp !== null ? "percent" : "", c.cashPercentBp !== null ? "cash" : "", c.perUnitMinor !== null ? "unit" : "", c.flatRentMinor !== null ? "rent" : "", c.minimumGuaranteeMinor !== null ? "minimum" : "", c.basis].join(" "),
      ),
    );
    // Eight of the eleven places have a contract, each of its own kind.
    const places = new Set(contracts.map((c) => c.locationId));
    expect(places.size).toBe(8);
    expect(kinds.size).toBe(contracts.length);
    // One place's contract changed from the last closed month on.
    expect(contracts.filter((c) => c.effectiveFrom.slice(0, 7) === lastClosed && lastClosed > firstMonth)).toHaveLength(lastClosed > firstMonth ? 1 : 0);

    const [host] = await t.db.select().from(users).where(eq(users.email, DEMO_HOST_EMAIL));
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, host!.id))).toHaveLength(0);
    const hosted = await t.db.select({ name: locations.name }).from(hostMembers).innerJoin(locations, eq(locations.id, hostMembers.locationId)).where(eq(hostMembers.userId, host!.id));
    expect(hosted).toEqual([{ name: "Spreeufer Office Campus" }]);

    // Every closed month since the contracts began, for every place with a contract.
    const statements = await t.db.select().from(hostStatements).where(eq(hostStatements.orgId, orgId));
    const months = [...new Set(statements.map((s) => s.month.slice(0, 7)))].sort();
    expect(months[0]).toBe(firstMonth);
    expect(months.at(-1)).toBe(lastClosed);
    for (const month of months) expect(statements.filter((s) => s.month.slice(0, 7) === month).map((s) => s.locationId).sort()).toEqual([...places].sort());
    const spreeufer = (await t.db.select({ id: locations.id }).from(locations).where(and(eq(locations.orgId, orgId), eq(locations.name, "Spreeufer Office Campus"))))[0]!.id;
    for (const s of statements) {
      const expected = s.month.slice(0, 7) !== lastClosed ? "paid" : s.locationId === spreeufer ? "sent" : "draft";
      expect(`${s.month} ${s.status}`).toBe(`${s.month} ${expected}`);
    }

    // Profit per place counts the processors' fees.
    const fees = await t.db.select({ method: cardFees.paymentMethod }).from(cardFees).where(eq(cardFees.orgId, orgId));
    expect(fees.map((f) => f.method).sort()).toEqual(["alipay", "card", "online", "wechat_pay"]);

    // Seeding again changes nothing.
    await seedDemoHosts(t.db, demoOwner, { password, historyDays });
    const again = await t.db.select({ n: sql<number>`count(*)::int` }).from(hostStatements).where(eq(hostStatements.orgId, orgId));
    expect(Number(again[0]!.n)).toBe(statements.length);
  });
});
