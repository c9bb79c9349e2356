// Demo Vending's hosts and fees: card fees per payment method, a commission contract of its own kind for most places (one changed part way
// through the history), a host who signs in to see one place, and a statement for every closed
// month, the older ones paid, the last one waiting for the operator (sent, for the host's place).
import "server-only";

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { hostContracts, hostMembers, locations, organizations, users } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { hashPassword, verifyPassword } from "~/server/auth";
import { approveStatement, generateStatements, listStatements, markStatementPaid, saveContract, sendStatement, type SaveContractInput } from "~/server/hosts";
import { setCardFee } from "~/server/profit";
import { addDays, localDay } from "~/server/time";
import { demoLocations } from "./catalog-data";
import { asDemoOwner, type DemoOwner } from "./fleet-setup";

export const DEMO_HOST_EMAIL = "host@demo-vending.example";
/** The place whose host signs in to the portal. */
export const DEMO_HOST_PLACE = "SPR";

type Rule = Omit<SaveContractInput, "locationId" | "effectiveFrom">;
const contacts = (key: string) => [`accounts+${key.toLowerCase()}@demo-vending-hosts.example`];

/** Contracts by place key: each kind of rule at least once. Places not listed have no host contract. */
const CONTRACTS: Record<string, { rule: Rule; later?: Rule }[]> = {
  // A share of gross sales, raised to a share of net sales in the last closed month.
  SPR: [{ rule: { basis: "gross", percentBp: 1200, contactEmails: [DEMO_HOST_EMAIL] }, later: { basis: "net", percentBp: 1500, contactEmails: [DEMO_HOST_EMAIL], notes: "Renegotiated: 15 % of net sales." } }],
  // Tiers on net sales: 10 % up to €1,500 a month, 15 % above.
  HBF: [{ rule: { basis: "net", tiers: [{ fromMinor: 0, percentBp: 1000 }, { fromMinor: 150_000, percentBp: 1500 }], contactEmails: contacts("HBF") } }],
  // Cash and cashless at different rates, with a minimum guarantee.
  HSP: [{ rule: { basis: "gross", cashPercentBp: 800, cashlessPercentBp: 1000, minimumGuaranteeMinor: 15_000, contactEmails: contacts("HSP") } }],
  // A flat monthly rent and an amount per unit sold.
  BER: [{ rule: { basis: "gross", flatRentMinor: 40_000, perUnitMinor: 10, contactEmails: contacts("BER") } }],
  // A share of gross sales with a minimum guarantee that a quiet month falls under.
  GYM: [{ rule: { basis: "gross", percentBp: 1000, minimumGuaranteeMinor: 12_000, contactEmails: contacts("GYM") } }],
  // An amount per unit only.
  UNI: [{ rule: { basis: "gross", perUnitMinor: 15, contactEmails: contacts("UNI") } }],
  // Rent only.
  FIT: [{ rule: { basis: "gross", flatRentMinor: 25_000, contactEmails: contacts("FIT") } }],
  // A share of net sales with a minimum guarantee the hotel lobby's sales do not earn: a place that loses money.
  KUD: [{ rule: { basis: "net", percentBp: 1500, minimumGuaranteeMinor: 45_000, contactEmails: contacts("KUD") } }],
};

/** The demo's processor fees per payment: a share of the amount plus a fixed part. */
const CARD_FEES = [
  { paymentMethod: "card", percentBp: 139, fixedMinor: 5 },
  { paymentMethod: "online", percentBp: 150, fixedMinor: 25 },
  { paymentMethod: "alipay", percentBp: 220, fixedMinor: 0 },
  { paymentMethod: "wechat_pay", percentBp: 220, fixedMinor: 0 },
] as const;

const monthOf = (day: string) => day.slice(0, 7);

/**
 * Seeds the contracts (once: nothing when the org has any), the host and their place, and the
 * statements of every closed month of the history.
 */
export async function seedDemoHosts(db: Db, owner: DemoOwner, input: { password: string; historyDays: number; now?: Date }): Promise<{ created: boolean; statements: number }> {
  const now = input.now ?? new Date();
  const [org] = await db.select({ id: organizations.id, timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, owner.orgId));
  const today = localDay(now, org!.timeZone);
  const firstMonth = monthOf(addDays(today, -input.historyDays));
  const lastClosed = monthOf(addDays(`${monthOf(today)}-01`, -1));

  const created = await asDemoOwner(db, owner, async (ctx) => {
    const [existing] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(hostContracts).where(eq(hostContracts.orgId, ctx.orgId));
    if (Number(existing?.n ?? 0) > 0) return false;
    const places = await ctx.db.select({ id: locations.id, name: locations.name }).from(locations).where(eq(locations.orgId, ctx.orgId));
    // What the payment processors charge, so that profit per place counts them.
    for (const fee of CARD_FEES) await setCardFee(ctx, fee);
    for (const place of demoLocations) {
      const plan = CONTRACTS[place.key]?.[0];
      const locationId = places.find((p) => p.name === place.name)?.id;
      if (!plan || !locationId) continue;
      await saveContract(ctx, { locationId, effectiveFrom: firstMonth, ...plan.rule });
      if (plan.later && lastClosed > firstMonth) await saveContract(ctx, { locationId, effectiveFrom: lastClosed, ...plan.later });
    }
    return true;
  });

  const hostId = await seedHostUser(db, input.password);
  const hostPlace = demoLocations.find((l) => l.key === DEMO_HOST_PLACE)!;
  await withTenant(db, { orgId: owner.orgId }, async (tx) => {
    const [place] = await tx.select({ id: locations.id }).from(locations).where(and(eq(locations.orgId, owner.orgId), eq(locations.name, hostPlace.name)));
    if (place) await tx.insert(hostMembers).values({ orgId: owner.orgId, locationId: place.id, userId: hostId, invitedBy: owner.ownerId }).onConflictDoNothing();
  });

  if (!created) return { created, statements: 0 };
  return asDemoOwner(db, owner, async (ctx) => {
    let statements = 0;
    for (let month = firstMonth; month <= lastClosed; month = monthOf(addDays(`${month}-01`, 32))) {
      const made = await generateStatements(ctx, { month, now });
      statements += made.created;
    }
    // The older months are settled; the last closed month waits for the operator, except at the
    // host's place, where it was sent so the host has this month's statement to read.
    {
      const { statements: all } = await listStatements(ctx, {});
      for (const s of all) {
        const hostsPlace = s.locationName === hostPlace.name;
        if (s.month === lastClosed && !hostsPlace) continue;
        await approveStatement(ctx, { statementId: s.id });
        await sendStatement(ctx, { statementId: s.id });
        if (s.month !== lastClosed) await markStatementPaid(ctx, { statementId: s.id });
      }
    }
    return { created, statements };
  });
}

/** The demo's host: a user with the demo password and no membership of the operator. */
async function seedHostUser(db: Db, password: string): Promise<string> {
  const [existing] = await db.select().from(users).where(eq(sql`lower(${users.email})`, DEMO_HOST_EMAIL));
  if (!existing) {
    const id = newId("usr");
    await db.insert(users).values({ id, email: DEMO_HOST_EMAIL, name: "Hanna Host", passwordHash: await hashPassword(password) });
    return id;
  }
  if (!(await verifyPassword(existing.passwordHash, password))) await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, existing.id));
  return existing.id;
}
