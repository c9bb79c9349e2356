// The analytics domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { generateAllDueMonths, generateDueMonths, getMonthlyStatistics, listStatisticsMonths, refreshOrgAnalytics } from "./monthly";
export { getOverview } from "./overview";
export { getRankings } from "./rankings";
export { rollUpAll, rollUpOrg, salesMark, salesNotRolledUp } from "./rollup";
export { statisticsCsv, statisticsForExport, statisticsPdf } from "./statistics-export";
export { stockoutsStatement } from "./stockouts";
export { dailyJournal, type DailyJournal, type DayJournal, type JournalLine } from "./journal";
export { defaultLedgerAccounts, ledgerAccountsIn, type LedgerAccount } from "./journal-accounts";
export { journalCsv, quickbooksJournalHeader, xeroJournalHeader } from "./journal-csv";
