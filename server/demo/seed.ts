import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { auditLog, memberships, organizations, users, type MemberRole } from "~/db/schema";
import { env } from "~/env";
import { refreshOrgAnalytics } from "~/server/analytics";
import { hashPassword, verifyPassword } from "~/server/auth";
import { DEMO_HISTORY_DAYS, seedDemoFleet, type DemoFleetOptions, type DemoFleetResult } from "./demo-fleet";
import { seedDemoCashCounts } from "./demo-cash";
import { seedDemoRoutes } from "./demo-routes";
import { seedDemoHosts } from "./demo-hosts";

export const DEMO_ORG_SLUG = "demo-vending";
export const DEMO_OWNER_EMAIL = "owner@demo-vending.example";

const demoPeople: { name: string; email: string; role: MemberRole }[] = [
  { name: "Dana Demo", email: DEMO_OWNER_EMAIL, role: "owner" },
  { name: "Mia Manager", email: "manager@demo-vending.example", role: "manager" },
  { name: "Theo Technician", email: "technician@demo-vending.example", role: "technician" },
  { name: "Vera Viewer", email: "viewer@demo-vending.example", role: "viewer" },
];

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
}

/**
 * Seeds the "Demo Vending" operator and its people, all with `password`, then its fleet with months
 * of history (see demo-fleet.ts). Idempotent: running it again changes nothing but the people's
 * password, if it was changed in the data directory.
 */
export async function seedDemo(db: Db, password: string, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const { fleet = true, ...fleetOptions } = options;
  const result = await seedOrganization(db, password);
  if (!fleet) return result;
  const owner = { orgId: result.orgId, ownerId: result.ownerId };
  const fleetResult = await seedDemoFleet(db, owner, { name: "Demo Vending", slug: DEMO_ORG_SLUG }, { dataDir: env.DATA_DIR, ...fleetOptions });
  // Dashboards read rollups: fill them (and the closed months' statistics) from the history now.
  await refreshOrgAnalytics(db, result.orgId);
  await seedDemoRoutes(db, owner);
  await seedDemoCashCounts(db, owner);
  await seedDemoHosts(db, owner, { password, historyDays: fleetOptions.historyDays ?? DEMO_HISTORY_DAYS });
  return { orgId: result.orgId, created: result.created, email: result.email, fleet: fleetResult };
}

async function seedOrganization(db: Db, password: string): Promise<DemoSeedResult & { ownerId: string }> {
  let passwordHash: string | undefined;
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(organizations)
      .values({
        id: newId("org"),
        name: "Demo Vending",
        slug: DEMO_ORG_SLUG,
        timeZone: "Europe/Berlin",
        currency: "EUR",
        supportEmail: "support@demo-vending.example",
        // What receipts print: a seller with an address and VAT number, prices including 19 % VAT.
        legalName: "Demo Vending GmbH",
        legalAddress: "Musterstraße 1\n10115 Berlin\nGermany",
        vatNumber: "DE123456789",
        defaultVatRateBp: 1900,
      })
      .onConflictDoNothing()
      .returning();
    const org = inserted ?? (await tx.select().from(organizations).where(eq(organizations.slug, DEMO_ORG_SLUG)))[0]!;

    for (const person of demoPeople) {
      const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, person.email));
      let userId = existing?.id;
      if (!existing) {
        passwordHash ??= await hashPassword(password);
        userId = newId("usr");
        await tx.insert(users).values({ id: userId, email: person.email, name: person.name, passwordHash });
      } else if (!(await verifyPassword(existing.passwordHash, password))) {
        passwordHash ??= await hashPassword(password);
        await tx.update(users).set({ passwordHash }).where(eq(users.id, existing.id));
      }
      await tx.insert(memberships).values({ orgId: org.id, userId: userId!, role: person.role }).onConflictDoNothing();
    }

    const [owner] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, DEMO_OWNER_EMAIL));
    if (inserted) {
      await tx.insert(auditLog).values({
        id: newId("aud"),
        orgId: org.id,
        actorType: "system",
        actorLabel: "Demo seed",
        action: "organization.created",
        targetType: "organization",
        targetId: org.id,
        data: { name: org.name, slug: org.slug, owner: owner?.email },
      });
    }
    const [check] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.role, "owner")));
    if (!check || Number(check.n) < 1) throw new Error("demo organization has no owner");
    return { orgId: org.id, created: Boolean(inserted), email: DEMO_OWNER_EMAIL, ownerId: owner!.id };
  });
}
