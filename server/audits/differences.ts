import "server-only";
import type { AuditSelectionCounters } from "~/db/schema";
import type { SaleFlag } from "./contract";

/** What some controllers write for "no value". */
export const NO_VALUE = 4294967295;

/** The counters of one audit that differences are taken between. */
export interface AuditCounters {
  readAtLocal: string | null;
  paidCount: number | null;
  paidValueMinor: number | null;
  cashSalesMinor: number | null;
  cashlessSalesMinor: number | null;
  selections: AuditSelectionCounters[];
  /** EA305/EA306: when the machine says it was read before this read. */
  previousReadAt: string | null;
}

export interface SelectionSales {
  /** The selection as written; "" for a selection the file gave no number. */
  selection: string;
  units: number | null;
  valueMinor: number | null;
  flag: SaleFlag | null;
}

export interface SalesBetween {
  selections: SelectionSales[];
  /** Paid vends and the cash and cashless values between the reads (null: unknown). */
  totals: { units: number | null; valueMinor: number | null; cashMinor: number | null; cashlessMinor: number | null };
  /** The machine's counters were initialised again between the reads. */
  reset: boolean;
  /** The machine was read in between, and that audit did not reach VendOps. */
  missingRead: boolean;
  /** Since-initialisation totals lower than the previous audit's, without a reset. */
  wentBack: ("paidCount" | "paidValueMinor" | "cashSalesMinor" | "cashlessSalesMinor")[];
}

const known = (n: number | null): n is number => n !== null && n !== NO_VALUE;

/** `later - earlier` for since-initialisation counters; null when either is unknown or it went back. */
function difference(earlier: number | null, later: number | null, reset: boolean): number | null {
  if (!known(later)) return null;
  if (reset) return later;
  if (!known(earlier) || later < earlier) return null;
  return later - earlier;
}

/** Read times compared to the minute: EA305/EA306 is often written without seconds. */
const toMinute = (local: string | null) => (local === null ? null : local.slice(0, 16));

/** The selections of an audit by number, the first of a repeated number winning. */
export function selectionsByNumber(selections: AuditSelectionCounters[]): Map<string, AuditSelectionCounters> {
  const map = new Map<string, AuditSelectionCounters>();
  for (const s of selections) {
    const key = s.selection ?? "";
    if (!map.has(key)) map.set(key, s);
  }
  return map;
}

/**
 * Sales between two consecutive audits of a machine, per selection and in total: the difference of
 * the since-initialisation counters. A machine initialised again (its paid-vends count, or most of
 * its selections, went back) counts the later counters as the sales since; a single counter that went
 * back, or one at 4294967295, gives no figure and says why; a read in between that never arrived is
 * flagged but still counted, since the counters run from initialisation.
 */
export function salesBetween(previous: AuditCounters | null, current: AuditCounters): SalesBetween {
  const currentSelections = selectionsByNumber(current.selections);
  if (!previous) {
    return {
      selections: [...currentSelections.keys()].map((selection) => ({ selection, units: null, valueMinor: null, flag: "first_read" })),
      totals: { units: null, valueMinor: null, cashMinor: null, cashlessMinor: null },
      reset: false,
      missingRead: false,
      wentBack: [],
    };
  }
  const previousSelections = selectionsByNumber(previous.selections);
  const reset = isReset(previous, current, previousSelections, currentSelections);
  const missingRead =
    current.previousReadAt !== null && previous.readAtLocal !== null && toMinute(current.previousReadAt) !== toMinute(previous.readAtLocal);

  const selections = [...currentSelections.entries()].map(([selection, now]): SelectionSales => {
    const before = previousSelections.get(selection);
    if (!known(now.paidCount)) return { selection, units: null, valueMinor: null, flag: "no_value" };
    if (reset) return { selection, units: now.paidCount, valueMinor: known(now.paidValueMinor) ? now.paidValueMinor : null, flag: "reset" };
    if (!before) return { selection, units: now.paidCount, valueMinor: known(now.paidValueMinor) ? now.paidValueMinor : null, flag: "new_selection" };
    if (!known(before.paidCount)) return { selection, units: null, valueMinor: null, flag: "no_value" };
    if (now.paidCount < before.paidCount) return { selection, units: null, valueMinor: null, flag: "went_back" };
    const units = now.paidCount - before.paidCount;
    const value = difference(before.paidValueMinor, now.paidValueMinor, false);
    const valueMinor = value ?? (known(now.priceMinor) ? units * now.priceMinor : null);
    return { selection, units, valueMinor, flag: missingRead ? "missing_read" : null };
  });

  const wentBack = reset
    ? []
    : (["paidCount", "paidValueMinor", "cashSalesMinor", "cashlessSalesMinor"] as const).filter(
        (k) => known(previous[k]) && known(current[k]) && current[k] < previous[k],
      );
  return {
    selections,
    totals: {
      units: difference(previous.paidCount, current.paidCount, reset),
      valueMinor: difference(previous.paidValueMinor, current.paidValueMinor, reset),
      cashMinor: difference(previous.cashSalesMinor, current.cashSalesMinor, reset),
      cashlessMinor: difference(previous.cashlessSalesMinor, current.cashlessSalesMinor, reset),
    },
    reset,
    missingRead,
    wentBack,
  };
}

/**
 * Whether the machine's counters were initialised again between the reads: its paid-vends count
 * went back, or, when the file gives none, more than half of the selections both audits have did.
 */
function isReset(
  previous: AuditCounters,
  current: AuditCounters,
  previousSelections: Map<string, AuditSelectionCounters>,
  currentSelections: Map<string, AuditSelectionCounters>,
): boolean {
  if (known(previous.paidCount) && known(current.paidCount)) return current.paidCount < previous.paidCount;
  let compared = 0;
  let back = 0;
  for (const [selection, now] of currentSelections) {
    const before = previousSelections.get(selection);
    if (!before || !known(before.paidCount) || !known(now.paidCount)) continue;
    compared++;
    if (now.paidCount < before.paidCount) back++;
  }
  return compared > 0 && back * 2 > compared;
}

/**
 * The planogram slot a selection number most likely stands for: the same code (ignoring case and
 * leading zeros), else the common numbering where the first digit is the tray and the rest the
 * position (`11` → `A1`, `23` → `B3`, `110` → `A10`). Null when no slot of the planogram matches.
 */
export function matchSlot(selection: string, slotCodes: string[]): string | null {
  // Case and leading zeros of the number do not matter: "c01" is "C1", "011" is "11".
  const norm = (code: string) => code.trim().toUpperCase().replace(/^([A-Z]*)0+(?=\d)/, "$1");
  const bySlot = new Map(slotCodes.map((code) => [norm(code), code]));
  const wanted = norm(selection);
  if (wanted === "") return null;
  const same = bySlot.get(wanted);
  if (same) return same;
  const numbered = /^([1-9])(\d{1,2})$/.exec(wanted);
  if (numbered) {
    const tray = String.fromCharCode(64 + Number(numbered[1]));
    const position = String(Number(numbered[2]));
    return bySlot.get(`${tray}${position}`) ?? bySlot.get(`${tray}${numbered[2]}`) ?? null;
  }
  return null;
}
