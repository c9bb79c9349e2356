import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { loyaltyMembers, loyaltyPrograms, pointEntries, type LoyaltyTier } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { minorPerUnit } from "../money";
import { recordAudit } from "~/server/tenancy";
import { loyaltyProgramInput } from "./contract";

/** Points columns are Postgres integers: an earn or a balance stops there rather than failing the sale. */
const MAX_POINTS = 2_147_483_647;

/** Points a purchase earns: whole currency units spent times the program's rate, rounded down. */
export function pointsFor(priceMinor: number, currency: string, pointsPerUnit: number): number {
  return Math.min(Math.floor((priceMinor * pointsPerUnit) / minorPerUnit(currency)), MAX_POINTS);
}

/** The tier a balance holds: the highest whose threshold it reaches, or none. */
export function tierFor(points: number, tiers: LoyaltyTier[]): LoyaltyTier | null {
  return [...tiers].sort((a, b) => b.minPoints - a.minPoints).find((t) => points >= t.minPoints) ?? null;
}

export interface PointsSale {
  id: string;
  consumerId: string | null;
  priceMinor: number;
  currency: string;
}

/**
 * Credits points for successful purchases by known consumers, if the operator runs a program.
 * One earn per sale (a unique key), so a repeated report or a later claim credits once.
 */
export async function accruePoints(ctx: ServiceCtx, sold: PointsSale[]): Promise<number> {
  const eligible = sold.filter((s): s is PointsSale & { consumerId: string } => s.consumerId !== null && s.priceMinor > 0);
  if (eligible.length === 0) return 0;
  const [program] = await ctx.db.select().from(loyaltyPrograms).where(and(eq(loyaltyPrograms.orgId, ctx.orgId), eq(loyaltyPrograms.enabled, true)));
  if (!program) return 0;
  const entries = eligible
    .map((s) => ({ id: newId("pte"), orgId: ctx.orgId, consumerId: s.consumerId, saleId: s.id, kind: "earn" as const, points: pointsFor(s.priceMinor, s.currency, program.pointsPerUnit) }))
    .filter((e) => e.points > 0);
  if (entries.length === 0) return 0;
  const credited = await ctx.db.insert(pointEntries).values(entries).onConflictDoNothing().returning({ consumerId: pointEntries.consumerId, points: pointEntries.points });
  await addToBalances(ctx, credited);
  return credited.reduce((sum, e) => sum + e.points, 0);
}

/** The points per unit of the org's program when it is on, else null, as JSON: a part of the ingest read. */
export function loyaltyRateJson(ctx: ServiceCtx): SQL {
  return sql`(select to_json(p.points_per_unit) from loyalty_programs p where p.org_id = ${ctx.orgId} and p.enabled)`;
}

/**
 * `accruePoints` for sales a batch records, as statements of the ingest script: the earn entries
 * and the balances they add to. `pointsPerUnit` is what `loyaltyRateJson` read (null: no program).
 */
export function accruePointsStatements(ctx: ServiceCtx, input: { pointsPerUnit: number | null; sold: PointsSale[] }): SQL[] {
  if (input.pointsPerUnit === null) return [];
  const entries = input.sold
    .filter((s): s is PointsSale & { consumerId: string } => s.consumerId !== null && s.priceMinor > 0)
    .map((s) => ({ id: newId("pte"), orgId: ctx.orgId, consumerId: s.consumerId, saleId: s.id, kind: "earn" as const, points: pointsFor(s.priceMinor, s.currency, input.pointsPerUnit!) }))
    .filter((e) => e.points > 0);
  if (entries.length === 0) return [];
  return [ctx.db.insert(pointEntries).values(entries).getSQL(), balancesUpsert(ctx, entries).getSQL()];
}

/** Takes back the points a refunded purchase earned (once: a unique key on the reversal). */
export async function reversePoints(ctx: ServiceCtx, saleId: string): Promise<number> {
  const [earned] = await ctx.db
    .select({ consumerId: pointEntries.consumerId, points: pointEntries.points })
    .from(pointEntries)
    .where(and(eq(pointEntries.orgId, ctx.orgId), eq(pointEntries.saleId, saleId), eq(pointEntries.kind, "earn")));
  if (!earned) return 0;
  const reversed = await ctx.db
    .insert(pointEntries)
    .values({ id: newId("pte"), orgId: ctx.orgId, consumerId: earned.consumerId, saleId, kind: "reverse", points: -earned.points })
    .onConflictDoNothing()
    .returning({ consumerId: pointEntries.consumerId, points: pointEntries.points });
  await addToBalances(ctx, reversed);
  return -earned.points;
}

async function addToBalances(ctx: ServiceCtx, entries: { consumerId: string; points: number }[]) {
  if (entries.length > 0) await balancesUpsert(ctx, entries);
}

/** Adds entries' points to their consumers' balances, in one statement, never past the column's range. */
function balancesUpsert(ctx: ServiceCtx, entries: { consumerId: string; points: number }[]) {
  const byConsumer = new Map<string, number>();
  for (const e of entries) byConsumer.set(e.consumerId, Math.min((byConsumer.get(e.consumerId) ?? 0) + e.points, MAX_POINTS));
  return ctx.db
    .insert(loyaltyMembers)
    .values([...byConsumer].map(([consumerId, points]) => ({ orgId: ctx.orgId, consumerId, points })))
    .onConflictDoUpdate({
      target: [loyaltyMembers.orgId, loyaltyMembers.consumerId],
      set: { points: sql`least(${loyaltyMembers.points}::bigint + excluded.points, ${MAX_POINTS})::int`, updatedAt: sql`now()` },
    });
}

/** The operator's program; a default (off, 1 point per unit, no tiers) until it is set up. */
export async function getLoyaltyProgram(ctx: ServiceCtx) {
  const [program] = await ctx.db.select().from(loyaltyPrograms).where(eq(loyaltyPrograms.orgId, ctx.orgId));
  const members = await ctx.db
    .select({ count: sql<number>`count(*)::int`, points: sql<number>`coalesce(sum(${loyaltyMembers.points}), 0)::int` })
    .from(loyaltyMembers)
    .where(eq(loyaltyMembers.orgId, ctx.orgId));
  return {
    enabled: program?.enabled ?? false,
    pointsPerUnit: program?.pointsPerUnit ?? 1,
    tiers: [...(program?.tiers ?? [])].sort((a, b) => a.minPoints - b.minPoints),
    memberCount: Number(members[0]?.count ?? 0),
    pointsOutstanding: Number(members[0]?.points ?? 0),
  };
}

export async function updateLoyaltyProgram(ctx: ServiceCtx, raw: z.input<typeof loyaltyProgramInput>) {
  const input = loyaltyProgramInput.parse(raw);
  const tiers = [...input.tiers].sort((a, b) => a.minPoints - b.minPoints);
  await ctx.db
    .insert(loyaltyPrograms)
    .values({ orgId: ctx.orgId, enabled: input.enabled, pointsPerUnit: input.pointsPerUnit, tiers })
    .onConflictDoUpdate({ target: loyaltyPrograms.orgId, set: { enabled: input.enabled, pointsPerUnit: input.pointsPerUnit, tiers, updatedAt: sql`now()` } });
  await recordAudit(ctx, { action: "loyalty.updated", targetType: "loyalty_program", targetId: ctx.orgId, data: { ...input, tiers } });
  return getLoyaltyProgram(ctx);
}
