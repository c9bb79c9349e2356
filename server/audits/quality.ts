// What an audit file's figures say about it: the details kept beside its counters, the counters the
// differences are taken between, and the quality notes from checking its figures against each other
// and against the machine's previous audit.
import "server-only";
import type { AuditDetails, AuditQualityNote, AuditSelectionCounters, MachineAuditRow } from "~/db/schema";
import { renderMessage } from "~/server/errors";
import { NO_VALUE, salesBetween, type AuditCounters } from "./differences";
import { crossCheckNotes } from "./quality-notes";

/** What a parsed audit file says: the upload contract's fields and the extras the product reads. */
export interface AuditFacts extends AuditDetails {
  machineSerial: string | null;
  readAt: string | null;
  decimals: number;
  currency: string | null;
  paidVends: { count: number | null; valueMinor: number | null };
  cashSalesMinor: number | null;
  cashlessSalesMinor: number | null;
  selections: AuditSelectionCounters[];
  crc: "absent" | "ok" | "mismatch";
  quality: AuditQualityNote[];
}

/** How far a read time may be from when the audit arrived before the clock is suspect. */
const CLOCK_TOLERANCE_MS = 36 * 3_600_000;

export function detailsOf(facts: AuditFacts): AuditDetails {
  return {
    machineModel: facts.machineModel,
    previousReadAt: facts.previousReadAt,
    readsSinceInit: facts.readsSinceInit,
    cashVends: facts.cashVends,
    cashlessVends: facts.cashlessVends,
    cashInMinor: facts.cashInMinor,
    cashToBoxMinor: facts.cashToBoxMinor,
    cashToTubesMinor: facts.cashToTubesMinor,
    billsInMinor: facts.billsInMinor,
    cashDispensedMinor: facts.cashDispensedMinor,
    coinTubes: facts.coinTubes,
    recordCount: facts.recordCount,
    seRecordCount: facts.seRecordCount,
  };
}

const known = (n: number | null | undefined): n is number => n !== null && n !== undefined && n !== NO_VALUE;

/**
 * What an audit's figures say against each other and against the machine's previous audit: the
 * selections' paid value against the paid vends, cash plus cashless against the paid vends, a serial
 * that is not the machine's or changed, counters that went back, a read repeated with the same
 * counters, and a read time far from when it arrived.
 */
export function crossChecks(
  facts: AuditFacts,
  context: { readAt: Date; receivedAt: Date; previous: MachineAuditRow | null; machine: { serial: string; currency: string }; source: string },
): AuditQualityNote[] {
  const notes: AuditQualityNote[] = [];
  const { previous, machine } = context;
  const paidValue = facts.paidVends.valueMinor;
  const selectionValues = facts.selections.map((s) => s.paidValueMinor);
  if (known(paidValue) && selectionValues.length > 0 && selectionValues.every(known)) {
    const sum = selectionValues.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== paidValue) {
      notes.push({ code: "paid_value_mismatch", message: renderMessage(crossCheckNotes.paid_value_mismatch, { sum, paid: paidValue }) });
    }
  }
  if (known(paidValue) && known(facts.cashSalesMinor) && known(facts.cashlessSalesMinor) && facts.cashSalesMinor + facts.cashlessSalesMinor !== paidValue) {
    const sum = facts.cashSalesMinor + facts.cashlessSalesMinor;
    notes.push({ code: "payment_split_mismatch", message: renderMessage(crossCheckNotes.payment_split_mismatch, { sum, paid: paidValue }) });
  }
  if (facts.machineSerial !== null && facts.machineSerial !== machine.serial) {
    notes.push({ code: "serial_mismatch", message: renderMessage(crossCheckNotes.serial_mismatch, { file: facts.machineSerial, machine: machine.serial }) });
  }
  if (facts.currency !== null && facts.currency !== machine.currency) {
    notes.push({ code: "currency_differs", message: renderMessage(crossCheckNotes.currency_differs, { file: facts.currency, org: machine.currency }) });
  }
  if (previous) {
    if (previous.machineSerial !== null && facts.machineSerial !== null && previous.machineSerial !== facts.machineSerial) {
      notes.push({ code: "serial_changed", message: renderMessage(crossCheckNotes.serial_changed, { before: previous.machineSerial, after: facts.machineSerial }) });
    }
    const differences = salesBetween(countersOf(previous), countersOfFacts(facts));
    if (differences.reset) {
      notes.push({ code: "counters_reset", message: renderMessage(crossCheckNotes.counters_reset) });
    }
    for (const name of differences.wentBack) {
      notes.push({
        code: "counter_went_back",
        message: renderMessage(crossCheckNotes.counter_went_back, { counter: counterLabels[name], before: String(previous[name]), after: String(currentValue(facts, name)) }),
      });
    }
    for (const s of differences.selections.filter((s) => s.flag === "went_back")) {
      notes.push({ code: "counter_went_back", message: renderMessage(crossCheckNotes.selection_went_back, { selection: s.selection || "(no number)" }) });
    }
    if (differences.missingRead) {
      notes.push({ code: "missing_read", message: renderMessage(crossCheckNotes.missing_read, { said: String(facts.previousReadAt), kept: String(previous.readAtLocal) }) });
    }
    if (
      previous.paidCount === facts.paidVends.count &&
      previous.paidValueMinor === facts.paidVends.valueMinor &&
      previous.readAtLocal !== null &&
      previous.readAtLocal === facts.readAt
    ) {
      notes.push({ code: "duplicate_read", message: renderMessage(crossCheckNotes.duplicate_read) });
    }
  }
  const drift = Math.abs(context.readAt.getTime() - context.receivedAt.getTime());
  // Files people upload may be old; a machine uploads what it just read. Neither reads in the future.
  if (facts.readAt !== null && (context.readAt.getTime() > context.receivedAt.getTime() + CLOCK_TOLERANCE_MS || (context.source === "machine" && drift > CLOCK_TOLERANCE_MS))) {
    notes.push({ code: "clock_suspect", message: renderMessage(crossCheckNotes.clock_suspect, { readAt: facts.readAt }) });
  }
  return notes;
}

const counterLabels = { paidCount: "Paid vends (VA102)", paidValueMinor: "Paid value (VA101)", cashSalesMinor: "Cash sales (CA201)", cashlessSalesMinor: "Cashless sales (DA201)" } as const;

function currentValue(facts: AuditFacts, name: keyof typeof counterLabels): number | null {
  if (name === "paidCount") return facts.paidVends.count;
  if (name === "paidValueMinor") return facts.paidVends.valueMinor;
  return facts[name];
}

export function countersOf(audit: MachineAuditRow): AuditCounters {
  return {
    readAtLocal: audit.readAtLocal,
    paidCount: audit.paidCount,
    paidValueMinor: audit.paidValueMinor,
    cashSalesMinor: audit.cashSalesMinor,
    cashlessSalesMinor: audit.cashlessSalesMinor,
    selections: audit.selections,
    previousReadAt: audit.details.previousReadAt,
  };
}

function countersOfFacts(facts: AuditFacts): AuditCounters {
  return {
    readAtLocal: facts.readAt,
    paidCount: facts.paidVends.count,
    paidValueMinor: facts.paidVends.valueMinor,
    cashSalesMinor: facts.cashSalesMinor,
    cashlessSalesMinor: facts.cashlessSalesMinor,
    selections: facts.selections,
    previousReadAt: facts.previousReadAt,
  };
}
