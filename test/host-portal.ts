import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { hostContracts, hostStatements, sales, type HostContractRule } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import { createLocation, registerMachine } from "~/server/fleet";
import { addMember, callerFor, createUser } from "./factories";
import { asOwner, createMachineWithPlanogram } from "./machines";

let saleCounter = 0;

/** A sale written straight into the table, as ingest would have recorded it. */
export async function insertSale(db: Db, sale: { orgId: string; machineId: string; locationId: string; priceMinor: number; at: Date; method?: "cash" | "card" }) {
  await db.insert(sales).values({
    id: newId("sal"),
    orgId: sale.orgId,
    machineId: sale.machineId,
    eventId: `host-fx-${++saleCounter}-${Date.now()}`,
    locationId: sale.locationId,
    slotCode: "A1",
    status: "succeeded",
    priceMinor: sale.priceMinor,
    costMinor: 90,
    currency: "EUR",
    paymentMethod: sale.method ?? "card",
    occurredAt: sale.at,
  });
}

/** A kept statement of a location's month, straight into the table, with the status given. */
export async function insertStatement(db: Db, s: { orgId: string; locationId: string; month: string; status: "draft" | "approved" | "sent" | "paid"; totalMinor: number }) {
  const contractId = newId("hct");
  await db.insert(hostContracts).values({ id: contractId, orgId: s.orgId, locationId: s.locationId, effectiveFrom: s.month, basis: "gross", percentBp: 1000, currency: "EUR" });
  const contract: HostContractRule = {
    contractId,
    effectiveFrom: s.month,
    basis: "gross",
    percentBp: 1000,
    cashPercentBp: null,
    cashlessPercentBp: null,
    tiers: null,
    perUnitMinor: null,
    flatRentMinor: null,
    minimumGuaranteeMinor: null,
    currency: "EUR",
  };
  const id = newId("hst");
  await db.insert(hostStatements).values({
    id,
    orgId: s.orgId,
    locationId: s.locationId,
    month: s.month,
    contractId,
    contract,
    status: s.status,
    figures: { lines: [], breakdown: { percentMinor: s.totalMinor, perUnitMinor: 0, flatRentMinor: 0, minimumTopUpMinor: 0, commissionMinor: s.totalMinor } },
    grossMinor: s.totalMinor * 10,
    commissionMinor: s.totalMinor,
    totalMinor: s.totalMinor,
    currency: "EUR",
  });
  return id;
}

export interface HostFixture {
  orgId: string;
  orgSlug: string;
  owner: SessionUser;
  manager: SessionUser;
  /** Hosts the first location only. */
  host: SessionUser;
  /** The host's place and its machine; a second place of the same org and its machine. */
  locationId: string;
  machineId: string;
  otherLocationId: string;
  otherMachineId: string;
  /** Statements: the host's approved one and draft one, and the other place's approved one. */
  statementId: string;
  draftStatementId: string;
  otherStatementId: string;
  /** Another org, with its own place, machine, statement and a host of its own. */
  orgB: { orgId: string; orgSlug: string; owner: SessionUser; host: SessionUser; locationId: string; machineId: string; statementId: string };
}

/** A host invited by a manager through the real procedures, who accepted. */
export async function inviteAndAccept(db: Db, inviter: SessionUser, orgId: string, locationIds: string[], host?: SessionUser) {
  const user = host ?? (await createUser(db));
  const { token } = await callerFor(db, inviter).hostAccess.invite({ orgId, email: user.email, locationIds });
  await callerFor(db, user).hostPortal.accept({ token });
  return user;
}

/** Two places of one org with sales and statements, a host of the first, and another org with its own. */
export async function createHostFixture(db: Db, now = new Date()): Promise<HostFixture> {
  const { org, owner, location, machine } = await createMachineWithPlanogram(db);
  const manager = await addMember(db, org.id, "manager");
  const other = await asOwner(db, org.id, owner.id, async (ctx) => {
    const place = await createLocation(ctx, { name: "Hospital lobby", kind: "hospital" });
    const { machine: m } = await registerMachine(ctx, { name: "Lobby 1", serial: `SN-L-${org.id.slice(-6)}`, model: "V-500", locationId: place.id });
    return { locationId: place.id, machineId: m.id };
  });
  const host = await inviteAndAccept(db, manager, org.id, [location.id]);

  await insertSale(db, { orgId: org.id, machineId: machine.id, locationId: location.id, priceMinor: 250, at: now });
  await insertSale(db, { orgId: org.id, machineId: other.machineId, locationId: other.locationId, priceMinor: 990, at: now });
  const statementId = await insertStatement(db, { orgId: org.id, locationId: location.id, month: "2026-09-01", status: "approved", totalMinor: 1234 });
  const draftStatementId = await insertStatement(db, { orgId: org.id, locationId: location.id, month: "2026-10-01", status: "draft", totalMinor: 555 });
  const otherStatementId = await insertStatement(db, { orgId: org.id, locationId: other.locationId, month: "2026-09-01", status: "sent", totalMinor: 777 });

  const b = await createMachineWithPlanogram(db);
  const hostB = await inviteAndAccept(db, b.owner, b.org.id, [b.location.id]);
  await insertSale(db, { orgId: b.org.id, machineId: b.machine.id, locationId: b.location.id, priceMinor: 4000, at: now });
  const statementB = await insertStatement(db, { orgId: b.org.id, locationId: b.location.id, month: "2026-09-01", status: "paid", totalMinor: 999 });

  return {
    orgId: org.id,
    orgSlug: org.slug,
    owner,
    manager,
    host,
    locationId: location.id,
    machineId: machine.id,
    otherLocationId: other.locationId,
    otherMachineId: other.machineId,
    statementId,
    draftStatementId,
    otherStatementId,
    orgB: { orgId: b.org.id, orgSlug: b.org.slug, owner: b.owner, host: hostB, locationId: b.location.id, machineId: b.machine.id, statementId: statementB },
  };
}
