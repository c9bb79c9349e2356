import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import { stockDiscrepancies } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { finishRecount, nextStock, type SlotChanges } from "./stock-rule";

/** A slot as a batch of machine events needs it: its product and cost, its par level and live stock. */
export interface SlotState {
  code: string;
  productId: string | null;
  stock: number;
  stockCountedAt: Date | null;
  costMinor: number | null;
  parLevel: number;
}

/** The machine's slots with the product's current cost, as JSON: a part of the ingest read. */
export function slotStatesJson(ctx: ServiceCtx, { machineId }: { machineId: string }): SQL {
  return sql`(select coalesce(json_agg(json_build_object('code', s.code, 'productId', s.product_id, 'stock', s.stock,
      'stockCountedAt', s.stock_counted_at, 'costMinor', p.cost_minor, 'parLevel', s.par_level)), '[]')
    from slots s left join products p on p.id = s.product_id
    where s.org_id = ${ctx.orgId} and s.machine_id = ${machineId})`;
}

/** The slots `slotStatesJson` read, keyed by code. */
export function slotStatesOf(json: unknown): Map<string, SlotState> {
  const rows = json as (Omit<SlotState, "stockCountedAt"> & { stockCountedAt: string | null })[];
  return new Map(rows.map((s) => [s.code, { ...s, stockCountedAt: s.stockCountedAt === null ? null : new Date(s.stockCountedAt) }]));
}

/**
 * Successful vends already recorded per slot after a time, as a JSON array of { slot, at, count }:
 * what a recount that arrives late must subtract. A part of the ingest read; null when no slot is
 * recounted.
 */
export function vendsAfterJson(ctx: ServiceCtx, input: { machineId: string; after: { slot: string; at: Date }[] }): SQL | null {
  if (input.after.length === 0) return null;
  const since = JSON.stringify(input.after.map((a) => ({ slot: a.slot, at: a.at.toISOString() })));
  return sql`(select coalesce(json_agg(json_build_object('slot', r.slot, 'at', r.at, 'count', (select count(*) from sales s where s.org_id = ${ctx.orgId}
        and s.machine_id = ${input.machineId} and s.slot_code = r.slot and s.status = 'succeeded' and s.occurred_at > r.at))), '[]')
    from jsonb_to_recordset(${since}::jsonb) as r(slot text, at timestamptz))`;
}

export interface StockFacts {
  machineId: string;
  receivedAt: Date;
  /** The slots as read before the batch (`slotStatesJson`). */
  slots: Map<string, Pick<SlotState, "stock" | "stockCountedAt">>;
  /** Successful vends, one per unit sold. */
  vends: { slot: string; occurredAt: Date; eventId: string }[];
  /** Absolute counts taken at a restock. */
  restocks: { slot: string; quantity: number; occurredAt: Date }[];
  /** Successful vends recorded before this batch after the batch's counts (`vendsAfterJson`). */
  vendsAfter: { slot: string; at: Date; count: number }[];
}

/**
 * Applies a batch's vends and restock counts to each slot it touches by the stock rule: one
 * statement for every slot's new stock, one for the discrepancies where vends took a slot below
 * what its count held. Returns the statements and each touched slot's stock after the batch.
 */
export function stockChangeStatements(ctx: ServiceCtx, facts: StockFacts): { statements: SQL[]; stockAfter: Map<string, number> } {
  const changes = new Map<string, SlotChanges>();
  const changesOf = (code: string) => {
    let c = changes.get(code);
    if (!c) changes.set(code, (c = { restocks: [], vends: [] }));
    return c;
  };
  for (const v of facts.vends) changesOf(v.slot).vends.push({ occurredAt: v.occurredAt, eventId: v.eventId });
  for (const r of facts.restocks) changesOf(r.slot).restocks.push({ quantity: r.quantity, occurredAt: r.occurredAt });
  const updates: { code: string; stock: number; countedAt: string | null }[] = [];
  const shortfalls: { id: string; code: string; shortfall: number; eventId: string; occurredAt: string }[] = [];
  const stockAfter = new Map<string, number>();
  for (const [code, change] of changes) {
    const slot = facts.slots.get(code)!;
    let outcome = nextStock({ stock: slot.stock, countedAt: slot.stockCountedAt }, change);
    if (outcome.recount) {
      // Vends recorded before this batch after the count, and this batch's own.
      const at = outcome.recount.occurredAt;
      const ownAfter = change.vends.filter((v) => v.occurredAt > at).length;
      const before = facts.vendsAfter.find((v) => v.slot === code && v.at.getTime() === at.getTime())?.count ?? 0;
      outcome = finishRecount(outcome, before + ownAfter);
    }
    updates.push({ code, stock: outcome.stock, countedAt: outcome.countedAt?.toISOString() ?? null });
    stockAfter.set(code, outcome.stock);
    if (outcome.shortfall > 0) {
      const last = change.vends.reduce((a, b) => (b.occurredAt > a.occurredAt ? b : a), change.vends[0] ?? { eventId: "", occurredAt: facts.receivedAt });
      shortfalls.push({ id: newId("dis"), code, shortfall: outcome.shortfall, eventId: last.eventId, occurredAt: last.occurredAt.toISOString() });
    }
  }
  const statements: SQL[] = [];
  if (updates.length > 0) {
    statements.push(sql`update slots s set stock = u.stock, stock_counted_at = u."countedAt", updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as u(code text, stock int, "countedAt" timestamptz)
      where s.org_id = ${ctx.orgId} and s.machine_id = ${facts.machineId} and s.code = u.code`);
  }
  if (shortfalls.length > 0) {
    statements.push(
      ctx.db
        .insert(stockDiscrepancies)
        .values(
          shortfalls.map((d) => ({
            id: d.id,
            orgId: ctx.orgId,
            machineId: facts.machineId,
            slotCode: d.code,
            shortfall: d.shortfall,
            eventId: d.eventId,
            occurredAt: new Date(d.occurredAt),
          })),
        )
        .getSQL(),
    );
  }
  return { statements, stockAfter };
}
