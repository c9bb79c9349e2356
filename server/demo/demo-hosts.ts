// A demo operator's hosts and fees: card fees per payment method, a commission contract of its own
// kind for most places (one changed part way through the history), a host who signs in to see one
// place, and a statement for every closed month, the older ones paid, the last one waiting for the
// operator (sent, for the host's place).
import "server-only";

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { hostContracts, hostMembers, locations, organizations } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { approveStatement, generateStatements, listStatements, markStatementPaid, saveContract, sendStatement } from "~/server/hosts";
import { setCardFee } from "~/server/profit";
import { addDays, localDay } from "~/server/time";
import { asDemoOwner, type DemoOwner } from "./fleet-setup";
import { demoVending } from "./demo-vending";
import { demoPassword, seedDemoUser } from "./demo-users";
import type { DemoOperator } from "./operator";

export const DEMO_HOST_EMAIL = demoVending.hosts.host.email;
/** The place whose host signs in to the portal. */
export const DEMO_HOST_PLACE = demoVending.hosts.place;

const monthOf = (day: string) => day.slice(0, 7);

/**
 * Seeds the contracts (once: nothing when the org has any), the host and their place, and the
 * statements of every closed month of the history.
 */
export async function seedDemoHosts(
  db: Db,
  owner: DemoOwner,
  input: { password: string; historyDays: number; now?: Date },
  operator: DemoOperator = demoVending,
): Promise<{ created: boolean; statements: number }> {
  const { host, place: hostKey, contracts, contactDomain, cardFees } = operator.hosts;
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
    for (const fee of cardFees) await setCardFee(ctx, fee);
    for (const place of operator.locations) {
      const plan = contracts[place.key];
      const locationId = places.find((p) => p.name === place.name)?.id;
      if (!plan || !locationId) continue;
      const contactEmails = [`accounts+${place.key.toLowerCase()}@${contactDomain}`];
      await saveContract(ctx, { locationId, effectiveFrom: firstMonth, contactEmails, ...plan.rule });
      if (plan.later && lastClosed > firstMonth) await saveContract(ctx, { locationId, effectiveFrom: lastClosed, contactEmails, ...plan.later });
    }
    return true;
  });

  // The host is a user with the demo password and no membership of the operator.
  const hostId = await seedDemoUser(db, host, demoPassword(input.password));
  const hostPlace = operator.locations.find((l) => l.key === hostKey)!;
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
