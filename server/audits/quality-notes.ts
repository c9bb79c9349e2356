// The words of an audit's quality notes, as messages: the cross-checks write their notes with
// them, and pages read any stored note (the parser's too) in the reader's language.
import "server-only";
import { defineMessages } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { sayAgain } from "~/server/i18n/read-back";

/**
 * The parser's notes. The parser runs in plain Node without the app, so it writes these texts
 * itself; a test keeps them equal (server/audits/quality-notes.test.ts).
 */
export const parserNotes = defineMessages("audit_notes", {
  not_a_number: '{field} is not a number: "{value}". It is read as not given.',
  too_large: '{field} is larger than {max}, the largest number a DEX file holds: "{value}". It is read as not given.',
  not_a_flag: '{field} is not 1 or 0: "{value}". It is read as not given.',
  no_read_time: "The file does not say when it was read: it has no EA302 or ID501 date.",
  impossible_read_time: "The read date and time ({date}, {time}) are not a real date and time, so the read time is left empty.",
  selection_without_id: "A PA1 record has no selection number (PA101); it is listed without one.",
  crc_mismatch: "The check value in G85 ({written}) does not match the file's content ({expected} expected): the file may have been damaged on its way.",
  no_serial: "The file has no machine serial number (ID101).",
  se_count_mismatch: "The SE record says the file has {said} records, but {counted} were counted. The file is accepted anyway.",
});

/** The cross-checks' notes (server/audits/quality.ts). */
export const crossCheckNotes = defineMessages("audit_notes", {
  paid_value_mismatch: "The selections' paid values add up to {sum}, the paid vends (VA101) say {paid}.",
  payment_split_mismatch: "Cash (CA201) plus cashless (DA201) is {sum}, the paid vends (VA101) say {paid}.",
  serial_mismatch: "The file's serial {file} is not the machine's ({machine}).",
  currency_differs: "The file counts in {file}; the organization's currency is {org}.",
  serial_changed: "The serial changed from {before} to {after} since the previous audit: was the controller swapped?",
  counters_reset: "The counters were initialised again since the previous audit; the sales since are the counters themselves.",
  counter_went_back: "{counter} went back since the previous audit ({before} → {after}).",
  selection_went_back: "Selection {selection}'s paid count went back since the previous audit.",
  missing_read: "The machine says it was last read at {said}; the previous audit VendOps has was read at {kept}.",
  duplicate_read: "The same read as the previous audit (same time and counters), sent with a different file.",
  clock_suspect: "The machine's clock said {readAt}, far from when the audit arrived: check the machine's date and time.",
});

const allNotes = [...Object.values(parserNotes), ...Object.values(crossCheckNotes)];

/** Quality notes as a page shows them: each message in `locale` (English, or a note no message wrote, as stored). */
export function notesIn<N extends { message: string }>(notes: readonly N[], locale?: Locale): N[] {
  return notes.map((n) => ({ ...n, message: sayAgain(n.message, allNotes, locale) }));
}
