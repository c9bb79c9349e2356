import "server-only";
import { stringify } from "csv-stringify/sync";
import { toMajorText } from "~/server/money";
import type { JournalFormat } from "./contract";
import type { DailyJournal } from "./journal";
import { defaultLedgerAccounts, XERO_NO_TAX_RATE } from "./journal-accounts";

/**
 * Xero's manual journal import template (Accounting > Manual journals > Import): one row per line,
 * lines of one journal share its narration and date; a positive amount is a debit, a negative a
 * credit; the date as dd/mm/yyyy; the account by code and a tax rate by its name. Starred columns
 * are the template's mandatory ones.
 */
export const xeroJournalHeader = [
  "*Narration",
  "*Date",
  "Description",
  "*AccountCode",
  "*TaxRate",
  "*Amount",
  "TrackingName1",
  "TrackingOption1",
  "TrackingName2",
  "TrackingOption2",
];

/**
 * QuickBooks Online's journal entry import (Settings > Import data > Journal entries): one row per
 * line, lines of one entry share its journal number; the account by name, a debit or a credit
 * (the other left blank); the date as MM/DD/YYYY.
 */
export const quickbooksJournalHeader = ["Journal No.", "Journal Date", "Account Name", "Debits", "Credits", "Description", "Name"];

const [xeroDate, quickbooksDate] = [
  (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`,
  (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`,
];

/** The journal as the package's import file: UTF-8 with a byte order mark, so Excel reads it as UTF-8 too. */
export function journalCsv(journal: DailyJournal, format: JournalFormat, options: { orgName: string }): string {
  const money = (minor: number) => toMajorText(minor, journal.currency);
  const rows: string[][] = [];
  for (const { day, lines } of journal.days) {
    const narration = `${options.orgName} daily journal ${day}`;
    for (const line of lines) {
      const account = defaultLedgerAccounts[line.account];
      if (format === "xero") {
        const amount = line.debitMinor > 0 ? money(line.debitMinor) : money(-line.creditMinor);
        rows.push([narration, xeroDate(day), line.description, account.code, XERO_NO_TAX_RATE, amount, "", "", "", ""]);
      } else {
        rows.push([
          `VO-${day}`,
          quickbooksDate(day),
          account.name,
          line.debitMinor > 0 ? money(line.debitMinor) : "",
          line.creditMinor > 0 ? money(line.creditMinor) : "",
          line.description,
          "",
        ]);
      }
    }
  }
  const header = format === "xero" ? xeroJournalHeader : quickbooksJournalHeader;
  return stringify([header, ...rows], { bom: true });
}
