// The stock rule of protocol v1: a restock count is absolute and wins over vends that occurred
// before it; a vend that occurred after the last count lowers stock by one, never below zero.
import "server-only";

export interface SlotStock {
  stock: number;
  countedAt: Date | null;
}

export interface SlotChanges {
  /** Restock counts in this batch for the slot. */
  restocks: { quantity: number; occurredAt: Date }[];
  /** Successful vends in this batch for the slot. */
  vends: { occurredAt: Date; eventId: string }[];
}

export interface StockOutcome {
  stock: number;
  countedAt: Date | null;
  /** Units sold that the count did not hold (recorded as a discrepancy), 0 if none. */
  shortfall: number;
  /** Whether a new count was applied, so vends already recorded after it must be subtracted. */
  recount: { quantity: number; occurredAt: Date } | null;
}

/**
 * Decides a slot's stock after a batch. When the batch carries a count newer than the slot's, the
 * caller subtracts every successful vend recorded after that count (including ones that arrived
 * earlier, out of order) via `finishRecount`; otherwise only this batch's vends after the count.
 */
export function nextStock(current: SlotStock, changes: SlotChanges): StockOutcome {
  const newest = changes.restocks.reduce<SlotChanges["restocks"][number] | null>(
    (best, r) => (!best || r.occurredAt > best.occurredAt ? r : best),
    null,
  );
  if (newest && (!current.countedAt || newest.occurredAt > current.countedAt)) {
    return { stock: newest.quantity, countedAt: newest.occurredAt, shortfall: 0, recount: newest };
  }
  const after = changes.vends.filter((v) => !current.countedAt || v.occurredAt > current.countedAt).length;
  const raw = current.stock - after;
  return { stock: Math.max(raw, 0), countedAt: current.countedAt, shortfall: Math.max(-raw, 0), recount: null };
}

/** Applies the vends recorded after a recount: `vendsAfterCount` counts them all, old and new. */
export function finishRecount(outcome: StockOutcome, vendsAfterCount: number): StockOutcome {
  if (!outcome.recount) return outcome;
  const raw = outcome.recount.quantity - vendsAfterCount;
  return { ...outcome, stock: Math.max(raw, 0), shortfall: Math.max(-raw, 0) };
}
