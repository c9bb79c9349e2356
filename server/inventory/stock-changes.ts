import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { products, sales, slots, stockDiscrepancies } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { finishRecount, nextStock, type SlotChanges } from "./stock-rule";

/** A slot as a batch of machine events needs it: its product and cost, and its live stock. */
export interface SlotState {
  code: string;
  productId: string | null;
  stock: number;
  stockCountedAt: Date | null;
  costMinor: number | null;
}

/** The machine's slots, keyed by code, with the product's current cost. */
export async function machineSlots(ctx: ServiceCtx, input: { machineId: string }): Promise<Map<string, SlotState>> {
  const rows = await ctx.db
    .select({
      code: slots.code,
      productId: slots.productId,
      stock: slots.stock,
      stockCountedAt: slots.stockCountedAt,
      costMinor: products.costMinor,
    })
    .from(slots)
    .leftJoin(products, eq(products.id, slots.productId))
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, input.machineId)));
  return new Map(rows.map((s) => [s.code, s]));
}

export interface StockFacts {
  machineId: string;
  receivedAt: Date;
  /** The slots as read before the batch (`machineSlots`). */
  slots: Map<string, Pick<SlotState, "stock" | "stockCountedAt">>;
  /** Successful vends, one per unit sold. */
  vends: { slot: string; occurredAt: Date; eventId: string }[];
  /** Absolute counts taken at a restock. */
  restocks: { slot: string; quantity: number; occurredAt: Date }[];
}

/**
 * Applies a batch's vends and restock counts to each slot it touches by the stock rule, and
 * records a discrepancy when vends took a slot below what its count held.
 */
export async function applyStockChanges(ctx: ServiceCtx, facts: StockFacts): Promise<void> {
  const changes = new Map<string, SlotChanges>();
  const changesOf = (code: string) => {
    let c = changes.get(code);
    if (!c) changes.set(code, (c = { restocks: [], vends: [] }));
    return c;
  };
  for (const v of facts.vends) changesOf(v.slot).vends.push({ occurredAt: v.occurredAt, eventId: v.eventId });
  for (const r of facts.restocks) changesOf(r.slot).restocks.push({ quantity: r.quantity, occurredAt: r.occurredAt });

  for (const [code, change] of changes) {
    const slot = facts.slots.get(code)!;
    let outcome = nextStock({ stock: slot.stock, countedAt: slot.stockCountedAt }, change);
    if (outcome.recount) outcome = finishRecount(outcome, await countVendsAfter(ctx, facts.machineId, code, outcome.recount.occurredAt));
    await ctx.db
      .update(slots)
      .set({ stock: outcome.stock, stockCountedAt: outcome.countedAt, updatedAt: sql`now()` })
      .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, facts.machineId), eq(slots.code, code)));
    if (outcome.shortfall > 0) {
      const last = change.vends.reduce((a, b) => (b.occurredAt > a.occurredAt ? b : a), change.vends[0] ?? { eventId: "", occurredAt: facts.receivedAt });
      await ctx.db.insert(stockDiscrepancies).values({
        id: newId("dis"),
        orgId: ctx.orgId,
        machineId: facts.machineId,
        slotCode: code,
        shortfall: outcome.shortfall,
        eventId: last.eventId,
        occurredAt: last.occurredAt,
      });
    }
  }
}

/** Successful vends of a slot recorded after `after` (for recounts that arrive late). */
async function countVendsAfter(ctx: ServiceCtx, machineId: string, slotCode: string, after: Date): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(sales)
    .where(
      and(
        eq(sales.orgId, ctx.orgId),
        eq(sales.machineId, machineId),
        eq(sales.slotCode, slotCode),
        eq(sales.status, "succeeded"),
        gt(sales.occurredAt, after),
      ),
    );
  return Number(row?.n ?? 0);
}
