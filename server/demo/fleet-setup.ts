// Creates a demo operator's places, products, machines and planograms through the product's own
// services, as its owner would, and keeps the one-time machine secrets for its credentials file.
import "server-only";

import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import { machineEvents, machines } from "~/db/schema";
import { getPlanogram, setPlanogram } from "~/server/inventory";
import { createProduct } from "~/server/catalog";
import { memberContext, type ServiceCtx } from "~/server/context";
import { createLocation } from "~/server/fleet";
import { setMachineTemperatureRange } from "~/server/alerts";
import { registerMachine, rotateMachineSecret } from "~/server/fleet";
import type { DemoProduct } from "./catalog-data";
import type { PlannedMachine } from "./fleet-plan";

export interface DemoOwner {
  orgId: string;
  ownerId: string;
}

export interface SeededMachine {
  machineId: string;
  secret: string;
  plan: PlannedMachine;
}

/** Runs `fn` as the demo org's owner in one tenant transaction. */
export function asDemoOwner<T>(db: Db, owner: DemoOwner, fn: (ctx: ServiceCtx) => Promise<T>): Promise<T> {
  return withTenant(db, { orgId: owner.orgId, userId: owner.ownerId }, (tx) =>
    fn(memberContext(tx, { orgId: owner.orgId, role: "owner", userId: owner.ownerId, name: "Demo seed" })),
  );
}

/** Creates the places, the catalog and the machines with their planograms, in one transaction. */
export async function createDemoFleet(db: Db, owner: DemoOwner, plan: PlannedMachine[], products: DemoProduct[]): Promise<SeededMachine[]> {
  return asDemoOwner(db, owner, async (ctx) => {
    const locationIds = new Map<string, string>();
    for (const { location } of plan) {
      if (locationIds.has(location.key)) continue;
      const { key: _key, short: _short, machines: _machines, ...input } = location;
      locationIds.set(location.key, (await createLocation(ctx, input)).id);
    }
    const productIds = new Map<string, string>();
    for (const { sku, name, category, priceMinor, costMinor } of products) {
      productIds.set(sku, (await createProduct(ctx, { sku, name, category, priceMinor, costMinor })).id);
    }
    const seeded: SeededMachine[] = [];
    for (const machine of plan) {
      const { credentials } = await registerMachine(ctx, {
        name: machine.name,
        serial: machine.serial,
        model: machine.model,
        locationId: locationIds.get(machine.location.key)!,
      });
      await setPlanogram(ctx, {
        machineId: credentials.machineId,
        slots: machine.slots.map((s) => ({
          code: s.code,
          productId: productIds.get(s.sku)!,
          capacity: s.capacity,
          parLevel: s.parLevel,
          priceOverrideMinor: s.priceOverrideMinor,
        })),
      });
      // Cooled machines get a temperature range, so a failing cooling unit raises an alert.
      if (machine.spec.coolingC !== null) {
        await setMachineTemperatureRange(ctx, { machineId: credentials.machineId, temperatureMinC: 0, temperatureMaxC: 9 });
      }
      seeded.push({ machineId: credentials.machineId, secret: credentials.secret, plan: machine });
    }
    return seeded;
  });
}

export interface ExistingDemoMachine {
  machineId: string;
  serial: string;
  createdAt: Date;
  hasEvents: boolean;
}

/** The org's machines, oldest first, with whether any event was recorded for each. */
export async function existingMachines(db: Db, owner: DemoOwner): Promise<ExistingDemoMachine[]> {
  return asDemoOwner(db, owner, (ctx) =>
    ctx.db
      .select({
        machineId: machines.id,
        serial: machines.serial,
        createdAt: machines.createdAt,
        hasEvents: sql<boolean>`exists (select 1 from ${machineEvents} e where e.machine_id = ${machines.id})`,
      })
      .from(machines)
      .where(eq(machines.orgId, owner.orgId))
      .orderBy(asc(machines.createdAt), asc(machines.serial)),
  );
}

/**
 * New secrets for machines whose credentials file was lost (a secret is shown only once); the old
 * ones keep verifying for 24 hours. Returns each machine's secret and current stock.
 */
export async function reissueCredentials(db: Db, owner: DemoOwner, machineIds: string[]) {
  return asDemoOwner(db, owner, async (ctx) => {
    const out = new Map<string, { secret: string; stock: Record<string, number> }>();
    for (const machineId of machineIds) {
      const { secret } = await rotateMachineSecret(ctx, { machineId });
      const planogram = await getPlanogram(ctx, { machineId });
      out.set(machineId, { secret, stock: Object.fromEntries(planogram.map((s) => [s.code, s.stock])) });
    }
    return out;
  });
}
