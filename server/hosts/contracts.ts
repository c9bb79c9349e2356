import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { hostContracts, hostStatements, locations, organizations, type HostContract, type HostContractRule } from "~/db/schema";
import { recordAudit } from "~/server/tenancy";
import { localDay } from "~/server/time";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { contractIdInput, hostsMessages, listContractsInput, saveContractInput, type HostContractView } from "./contract";

/** `YYYY-MM` to the month's first day, as kept. */
export const firstOf = (month: string) => `${month.slice(0, 7)}-01`;
/** The month after a first day, as a first day. */
export function nextMonth(first: string): string {
  const [y, m] = first.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
function previousMonth(first: string): string {
  const [y, m] = first.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
}

export interface OrgCalendar {
  timeZone: string;
  currency: string;
  /** The first day of the org's current month. */
  currentMonth: string;
}

export async function orgCalendar(ctx: ServiceCtx, now: Date = new Date()): Promise<OrgCalendar> {
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) throw notFound("Organization");
  return { ...org, currentMonth: firstOf(localDay(now, org.timeZone)) };
}

/** The rule of a contract, as a statement keeps it. */
export function ruleOf(c: HostContract): HostContractRule {
  return {
    contractId: c.id,
    effectiveFrom: c.effectiveFrom,
    basis: c.basis,
    percentBp: c.percentBp,
    cashPercentBp: c.cashPercentBp,
    cashlessPercentBp: c.cashlessPercentBp,
    tiers: c.tiers ?? null,
    perUnitMinor: c.perUnitMinor,
    flatRentMinor: c.flatRentMinor,
    minimumGuaranteeMinor: c.minimumGuaranteeMinor,
    currency: c.currency,
  };
}

/** The contract in force for a month (first day) at each location that has one: the latest that started by then. */
export async function contractsInForce(ctx: ServiceCtx, input: { month: string; locationId?: string }): Promise<Map<string, HostContract>> {
  const { month, locationId } = input;
  const rows = await ctx.db
    .select()
    .from(hostContracts)
    .where(and(eq(hostContracts.orgId, ctx.orgId), lte(hostContracts.effectiveFrom, month), locationId ? eq(hostContracts.locationId, locationId) : undefined))
    .orderBy(asc(hostContracts.locationId), desc(hostContracts.effectiveFrom));
  const inForce = new Map<string, HostContract>();
  for (const row of rows) if (!inForce.has(row.locationId)) inForce.set(row.locationId, row);
  return inForce;
}

async function requireLocation(ctx: ServiceCtx, locationId: string) {
  const [location] = await ctx.db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(and(eq(locations.id, locationId), eq(locations.orgId, ctx.orgId)));
  if (!location) throw notFound("Location");
  return location;
}

/** A location's contracts, newest first, each with the months it governs and whether it is the one in force now. */
export async function listContracts(ctx: ServiceCtx, raw: z.input<typeof listContractsInput>): Promise<HostContractView[]> {
  const { locationId } = listContractsInput.parse(raw);
  await requireLocation(ctx, locationId);
  const { currentMonth } = await orgCalendar(ctx);
  const rows = await ctx.db
    .select()
    .from(hostContracts)
    .where(and(eq(hostContracts.orgId, ctx.orgId), eq(hostContracts.locationId, locationId)))
    .orderBy(desc(hostContracts.effectiveFrom));
  const used = rows.length
    ? await ctx.db
        .select({ contractId: hostStatements.contractId, n: count() })
        .from(hostStatements)
        .where(and(eq(hostStatements.orgId, ctx.orgId), inArray(hostStatements.contractId, rows.map((r) => r.id))))
        .groupBy(hostStatements.contractId)
    : [];
  const inForceId = rows.find((r) => r.effectiveFrom <= currentMonth)?.id;
  return rows.map((row, i) => {
    const next = rows[i - 1];
    return {
      id: row.id,
      locationId: row.locationId,
      effectiveFrom: row.effectiveFrom.slice(0, 7),
      effectiveUntil: next ? previousMonth(next.effectiveFrom).slice(0, 7) : null,
      basis: row.basis,
      percentBp: row.percentBp,
      cashPercentBp: row.cashPercentBp,
      cashlessPercentBp: row.cashlessPercentBp,
      tiers: row.tiers ?? null,
      perUnitMinor: row.perUnitMinor,
      flatRentMinor: row.flatRentMinor,
      minimumGuaranteeMinor: row.minimumGuaranteeMinor,
      currency: row.currency,
      contactEmails: row.contactEmails,
      notes: row.notes,
      createdAt: row.createdAt,
      inForce: row.id === inForceId,
      statements: used.find((u) => u.contractId === row.id)?.n ?? 0,
    };
  });
}

/**
 * The statements a contract starting at `from` would govern: the location's months from `from` up to
 * the next contract's start. None of them may be approved, sent or paid: those keep their rule.
 */
async function governedStatements(ctx: ServiceCtx, locationId: string, from: string) {
  const [next] = await ctx.db
    .select({ effectiveFrom: hostContracts.effectiveFrom })
    .from(hostContracts)
    .where(and(eq(hostContracts.orgId, ctx.orgId), eq(hostContracts.locationId, locationId), gte(hostContracts.effectiveFrom, nextMonth(from))))
    .orderBy(asc(hostContracts.effectiveFrom))
    .limit(1);
  const rows = await ctx.db
    .select({ id: hostStatements.id, month: hostStatements.month, status: hostStatements.status })
    .from(hostStatements)
    .where(and(eq(hostStatements.orgId, ctx.orgId), eq(hostStatements.locationId, locationId), gte(hostStatements.month, from)))
    .orderBy(asc(hostStatements.month));
  return rows.filter((s) => !next || s.month < next.effectiveFrom);
}

type RuleFields = Pick<z.output<typeof saveContractInput>, "basis" | "percentBp" | "cashPercentBp" | "cashlessPercentBp" | "tiers" | "perUnitMinor" | "flatRentMinor" | "minimumGuaranteeMinor">;
const normalizedRule = (input: RuleFields) => ({
  basis: input.basis,
  percentBp: input.percentBp ?? null,
  cashPercentBp: input.cashPercentBp ?? null,
  cashlessPercentBp: input.cashlessPercentBp ?? null,
  tiers: input.tiers?.map((t) => ({ fromMinor: t.fromMinor, percentBp: t.percentBp })) ?? null,
  perUnitMinor: input.perUnitMinor ?? null,
  flatRentMinor: input.flatRentMinor ?? null,
  minimumGuaranteeMinor: input.minimumGuaranteeMinor ?? null,
});

/**
 * Saves a contract from a month on; a contract already starting that month is replaced. Refused
 * when a statement it would govern is approved, sent or paid. Returns the saved contract and the
 * draft statements it governs, for the caller to recompute.
 */
export async function saveContractRow(ctx: ServiceCtx, raw: z.input<typeof saveContractInput>) {
  const input = saveContractInput.parse(raw);
  const location = await requireLocation(ctx, input.locationId);
  const { currency } = await orgCalendar(ctx);
  const from = firstOf(input.effectiveFrom);
  const rule = normalizedRule(input);
  const [existing] = await ctx.db
    .select()
    .from(hostContracts)
    .where(and(eq(hostContracts.orgId, ctx.orgId), eq(hostContracts.locationId, input.locationId), eq(hostContracts.effectiveFrom, from)));
  // The same rule with other contacts or notes alters no statement.
  const sameRule = existing !== undefined && JSON.stringify(normalizedRule({ ...existing, tiers: existing.tiers ?? null })) === JSON.stringify(rule);
  const governed = sameRule ? [] : await governedStatements(ctx, input.locationId, from);
  const locked = governed.find((s) => s.status !== "draft");
  if (locked) {
    throw new ServiceError(
      "CONFLICT",
      hostsMessages.month_locked,
      { month: locked.month.slice(0, 7), status: locked.status, effectiveFrom: input.effectiveFrom },
      { field: "effectiveFrom" },
    );
  }
  const values = { ...rule, contactEmails: [...new Set(input.contactEmails.map((e) => e.toLowerCase()))], notes: input.notes, currency };
  const createdBy = ctx.actor.type === "user" ? ctx.actor.id : null;
  // One contract a location and month: a save of the same month, even at the same time, replaces it.
  const [saved] = await ctx.db
    .insert(hostContracts)
    .values({ id: newId("hct"), orgId: ctx.orgId, locationId: input.locationId, effectiveFrom: from, ...values, createdBy })
    .onConflictDoUpdate({
      target: [hostContracts.orgId, hostContracts.locationId, hostContracts.effectiveFrom],
      set: { ...values, createdBy, createdAt: sql`now()` },
    })
    .returning();
  await recordAudit(ctx, {
    action: "host_contract.saved",
    targetType: "location",
    targetId: input.locationId,
    data: { contractId: saved!.id, location: location.name, effectiveFrom: input.effectiveFrom, replaced: Boolean(existing), ...rule },
  });
  return { contract: saved!, drafts: governed.map((s) => s.month) };
}

/** Removes a contract no statement has used. */
export async function removeContract(ctx: ServiceCtx, raw: z.input<typeof contractIdInput>): Promise<{ removed: string }> {
  const { contractId } = contractIdInput.parse(raw);
  const [contract] = await ctx.db.select().from(hostContracts).where(and(eq(hostContracts.id, contractId), eq(hostContracts.orgId, ctx.orgId)));
  if (!contract) throw notFound("Contract");
  const [used] = await ctx.db
    .select({ n: count() })
    .from(hostStatements)
    .where(and(eq(hostStatements.orgId, ctx.orgId), eq(hostStatements.contractId, contractId)));
  if ((used?.n ?? 0) > 0) throw new ServiceError("CONFLICT", hostsMessages.contract_in_use, { count: used!.n });
  await ctx.db.delete(hostContracts).where(and(eq(hostContracts.id, contractId), eq(hostContracts.orgId, ctx.orgId)));
  await recordAudit(ctx, {
    action: "host_contract.removed",
    targetType: "location",
    targetId: contract.locationId,
    data: { contractId, effectiveFrom: contract.effectiveFrom.slice(0, 7) },
  });
  return { removed: contractId };
}
