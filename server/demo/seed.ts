import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { auditLog, memberships, organizations } from "~/db/schema";
import { env } from "~/env";
import { refreshOrgAnalytics } from "~/server/analytics";
import { seedDemoFleet, type DemoFleetOptions, type DemoFleetResult } from "./demo-fleet";
import { seedDemoCashCounts } from "./demo-cash";
import { seedDemoRoutes } from "./demo-routes";
import { seedDemoHosts } from "./demo-hosts";
import { demoPassword, seedDemoUser } from "./demo-users";
import { demoVending } from "./demo-vending";
import { ownerOf, type DemoOperator } from "./operator";

export const DEMO_ORG_SLUG = demoVending.org.slug;
export const DEMO_OWNER_EMAIL = ownerOf(demoVending).email;

export interface DemoSeedResult {
  orgId: string;
  created: boolean;
  email: string;
  /** The fleet and its history; absent when `fleet: false`. */
  fleet?: DemoFleetResult;
}

export interface DemoSeedOptions extends Partial<DemoFleetOptions> {
  /** Seed the places, products, machines and their history too (default true). */
  fleet?: boolean;
  /** Which demo operator (default Demo Vending). */
  operator?: DemoOperator;
}

/**
 * Seeds a demo operator (Demo Vending unless told otherwise) and its people, all with `password`,
 * then its fleet with weeks or months of history (see demo-fleet.ts), routes, cash counts and
 * hosts. Idempotent: running it again changes nothing but the people's password, if it was changed
 * in the data directory.
 */
export async function seedDemo(db: Db, password: string, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const { fleet = true, operator = demoVending, ...fleetOptions } = options;
  const result = await seedOrganization(db, operator, password);
  if (!fleet) return result;
  const owner = { orgId: result.orgId, ownerId: result.ownerId };
  const fleetResult = await seedDemoFleet(db, owner, operator, { dataDir: env.DATA_DIR, ...fleetOptions });
  // Dashboards read rollups: fill them (and the closed months' statistics) from the history now.
  await refreshOrgAnalytics(db, result.orgId);
  await seedDemoRoutes(db, owner, operator);
  await seedDemoCashCounts(db, owner, operator);
  await seedDemoHosts(db, owner, { password, historyDays: fleetOptions.historyDays ?? operator.historyDays }, operator);
  return { orgId: result.orgId, created: result.created, email: result.email, fleet: fleetResult };
}

async function seedOrganization(db: Db, operator: DemoOperator, password: string): Promise<DemoSeedResult & { ownerId: string }> {
  const passwords = demoPassword(password);
  const { slug } = operator.org;
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(organizations)
      .values({ id: newId("org"), ...operator.org })
      .onConflictDoNothing()
      .returning();
    const org = inserted ?? (await tx.select().from(organizations).where(eq(organizations.slug, slug)))[0]!;

    const ids = new Map<string, string>();
    for (const person of operator.people) {
      const userId = await seedDemoUser(tx, person, passwords);
      ids.set(person.email, userId);
      await tx.insert(memberships).values({ orgId: org.id, userId, role: person.role }).onConflictDoNothing();
    }

    const owner = ownerOf(operator);
    if (inserted) {
      await tx.insert(auditLog).values({
        id: newId("aud"),
        orgId: org.id,
        actorType: "system",
        actorLabel: "Demo seed",
        action: "organization.created",
        targetType: "organization",
        targetId: org.id,
        data: { name: org.name, slug: org.slug, owner: owner.email },
      });
    }
    const [check] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, "owner")));
    if (!check || Number(check.n) < 1) throw new Error("demo organization has no owner");
    return { orgId: org.id, created: Boolean(inserted), email: owner.email, ownerId: ids.get(owner.email)! };
  });
}
