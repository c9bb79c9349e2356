// The analytics domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { generateAllDueMonths, generateDueMonths, getMonthlyStatistics, listStatisticsMonths, monthInput, refreshOrgAnalytics } from "./monthly";
export { getOverview, machinesToVisitToday, type MachineToVisit } from "./overview";
export { getRankings, rankingsInput, type EliminationCandidate, type LocationPerformance, type ProductRanking } from "./rankings";
export { rollUpAll, rollUpOrg, salesMark, salesNotRolledUp } from "./rollup";
export { statisticsCsv, statisticsForExport, statisticsPdf } from "./statistics-export";
export { trackStockouts } from "./stockouts";
