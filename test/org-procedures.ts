import type { Db } from "~/db/client";
import type { MemberRole } from "~/db/schema";
import type { SessionUser } from "~/server/auth/accounts";
import { addMember, invite, type callerFor } from "./factories";
import { createRoute } from "~/server/replenishment/routes";
import { asOwner, createMachineWithPlanogram } from "./machines";

/** An org with something of every kind an org procedure can act on. */
export interface OrgFixture {
  orgId: string;
  owner: SessionUser;
  /** The member who calls (for owners: a second owner, so that leaving is allowed). */
  actor: SessionUser;
  /** A viewer that changeRole and remove act on. */
  target: SessionUser;
  invitationId: string;
  locationId: string;
  machineId: string;
  machineSerial: string;
  productId: string;
  /** A route holding the machine. */
  routeId: string;
}

export async function createOrgFixture(db: Db, role: MemberRole): Promise<OrgFixture> {
  const { org, owner, location, machine, products } = await createMachineWithPlanogram(db);
  const actor = await addMember(db, org.id, role);
  const target = await addMember(db, org.id, "viewer");
  const { invitation } = await invite(db, owner, org.id, "technician");
  const route = await asOwner(db, org.id, owner.id, (ctx) => createRoute(ctx, { name: "North loop", machineIds: [machine.id] }));
  return {
    orgId: org.id,
    owner,
    actor,
    target,
    invitationId: invitation.id,
    locationId: location.id,
    machineId: machine.id,
    machineSerial: machine.serial,
    productId: products.cola.id,
    routeId: route.id,
  };
}

type Caller = ReturnType<typeof callerFor>;

export interface OrgProcedure {
  /** The least role the procedure needs. */
  least: MemberRole;
  /** A valid call against the fixture's org and things. */
  call: (c: Caller, f: OrgFixture) => Promise<unknown>;
  /** Whether the call names one of the org's things by id (so another org's id must be NOT_FOUND). */
  namesThing?: boolean;
}

/**
 * Every procedure that acts inside an organization (its input has `orgId`). The role matrix fails
 * when the router has one that is missing here, so a new procedure gets its role and cross-tenant
 * checks by being added to this table.
 */
export const orgProcedures: Record<string, OrgProcedure> = {
  "org.get": { least: "viewer", call: (c, f) => c.org.get({ orgId: f.orgId }) },
  "org.update": {
    least: "admin",
    call: (c, f) => c.org.update({ orgId: f.orgId, name: "Renamed Vending", timeZone: "America/New_York", currency: "USD" }),
  },
  "members.list": { least: "viewer", call: (c, f) => c.members.list({ orgId: f.orgId }) },
  "members.changeRole": {
    least: "admin",
    namesThing: true,
    call: (c, f) => c.members.changeRole({ orgId: f.orgId, userId: f.target.id, role: "technician" }),
  },
  "members.remove": { least: "admin", namesThing: true, call: (c, f) => c.members.remove({ orgId: f.orgId, userId: f.target.id }) },
  "members.leave": { least: "viewer", call: (c, f) => c.members.leave({ orgId: f.orgId }) },
  "invitations.list": { least: "admin", call: (c, f) => c.invitations.list({ orgId: f.orgId }) },
  "invitations.create": {
    least: "admin",
    call: (c, f) => c.invitations.create({ orgId: f.orgId, email: `new-${f.actor.id}@example.test`, role: "viewer" }),
  },
  "invitations.revoke": {
    least: "admin",
    namesThing: true,
    call: (c, f) => c.invitations.revoke({ orgId: f.orgId, invitationId: f.invitationId }),
  },
  "audit.list": { least: "admin", call: (c, f) => c.audit.list({ orgId: f.orgId }) },

  "locations.list": { least: "viewer", call: (c, f) => c.locations.list({ orgId: f.orgId }) },
  "locations.create": { least: "manager", call: (c, f) => c.locations.create({ orgId: f.orgId, name: "Depot" }) },
  "locations.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.locations.update({ orgId: f.orgId, locationId: f.locationId, name: "Renamed depot" }),
  },
  "machines.list": { least: "viewer", call: (c, f) => c.machines.list({ orgId: f.orgId }) },
  "machines.get": { least: "viewer", namesThing: true, call: (c, f) => c.machines.get({ orgId: f.orgId, machineId: f.machineId }) },
  "machines.events": { least: "viewer", namesThing: true, call: (c, f) => c.machines.events({ orgId: f.orgId, machineId: f.machineId }) },
  "machines.register": {
    least: "manager",
    call: (c, f) => c.machines.register({ orgId: f.orgId, name: "Second machine", serial: `SN-${f.actor.id}` }),
  },
  "machines.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.update({ orgId: f.orgId, machineId: f.machineId, name: "Renamed machine", serial: f.machineSerial }),
  },
  "machines.rotateSecret": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.rotateSecret({ orgId: f.orgId, machineId: f.machineId }),
  },
  "machines.setDisabled": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.machines.setDisabled({ orgId: f.orgId, machineId: f.machineId, disabled: true }),
  },
  "planogram.get": { least: "viewer", namesThing: true, call: (c, f) => c.planogram.get({ orgId: f.orgId, machineId: f.machineId }) },
  "planogram.set": {
    least: "manager",
    namesThing: true,
    call: (c, f) =>
      c.planogram.set({ orgId: f.orgId, machineId: f.machineId, slots: [{ code: "A1", productId: f.productId, capacity: 12, parLevel: 6 }] }),
  },
  "products.list": { least: "viewer", call: (c, f) => c.products.list({ orgId: f.orgId }) },
  "products.create": { least: "manager", call: (c, f) => c.products.create({ orgId: f.orgId, sku: "NEW-ITEM", name: "New item", priceMinor: 199 }) },
  "products.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.products.update({ orgId: f.orgId, productId: f.productId, sku: "COLA-033", name: "Cola 0.33 l can", priceMinor: 260 }),
  },
  "sales.list": { least: "viewer", call: (c, f) => c.sales.list({ orgId: f.orgId }) },
  "sales.totals": { least: "viewer", call: (c, f) => c.sales.totals({ orgId: f.orgId }) },
  "sales.byDay": { least: "viewer", call: (c, f) => c.sales.byDay({ orgId: f.orgId, from: "2026-01-01", to: "2026-12-31" }) },
  "analytics.overview": { least: "viewer", call: (c, f) => c.analytics.overview({ orgId: f.orgId }) },
  "analytics.machinesToVisit": { least: "viewer", call: (c, f) => c.analytics.machinesToVisit({ orgId: f.orgId }) },
  "analytics.rankings": { least: "viewer", call: (c, f) => c.analytics.rankings({ orgId: f.orgId, from: "2026-10-01", to: "2026-10-31" }) },
  "analytics.statisticsMonths": { least: "viewer", call: (c, f) => c.analytics.statisticsMonths({ orgId: f.orgId }) },
  "analytics.statistics": { least: "viewer", call: (c, f) => c.analytics.statistics({ orgId: f.orgId, month: "2026-10" }) },

  "routes.list": { least: "viewer", call: (c, f) => c.routes.list({ orgId: f.orgId }) },
  "routes.get": { least: "viewer", namesThing: true, call: (c, f) => c.routes.get({ orgId: f.orgId, routeId: f.routeId }) },
  "routes.technicians": { least: "viewer", call: (c, f) => c.routes.technicians({ orgId: f.orgId }) },
  "routes.create": { least: "manager", call: (c, f) => c.routes.create({ orgId: f.orgId, name: "South loop" }) },
  "routes.update": {
    least: "manager",
    namesThing: true,
    call: (c, f) => c.routes.update({ orgId: f.orgId, routeId: f.routeId, name: "North loop (Mon)", machineIds: [f.machineId] }),
  },
  "routes.delete": { least: "manager", namesThing: true, call: (c, f) => c.routes.delete({ orgId: f.orgId, routeId: f.routeId }) },
  "routes.day": { least: "viewer", namesThing: true, call: (c, f) => c.routes.day({ orgId: f.orgId, routeId: f.routeId }) },
  "routes.mine": { least: "technician", call: (c, f) => c.routes.mine({ orgId: f.orgId }) },
  "plans.get": { least: "viewer", call: (c, f) => c.plans.get({ orgId: f.orgId }) },
  "plans.machine": { least: "viewer", namesThing: true, call: (c, f) => c.plans.machine({ orgId: f.orgId, machineId: f.machineId }) },
  "plans.refresh": { least: "manager", call: (c, f) => c.plans.refresh({ orgId: f.orgId }) },
  "plans.settings": { least: "viewer", call: (c, f) => c.plans.settings({ orgId: f.orgId }) },
  "plans.updateSettings": {
    least: "manager",
    call: (c, f) => c.plans.updateSettings({ orgId: f.orgId, visitCostMinor: 1800, fillTo: "par", selloutThreshold: 0.6 }),
  },
  "visits.record": {
    least: "technician",
    namesThing: true,
    call: (c, f) => c.visits.record({ orgId: f.orgId, machineId: f.machineId, routeId: f.routeId, visitKey: `vk-${f.actor.id.slice(4)}`, counts: [{ slot: "A1", quantity: 8 }] }),
  },
  "visits.list": { least: "viewer", call: (c, f) => c.visits.list({ orgId: f.orgId }) },
};
