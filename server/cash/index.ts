// The cash domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { cashCollectionsStatement } from "./collections";
export { getCollection, listCollectionPage } from "./collection-pages";
export { recordCashCount } from "./counts";
export { expectedCash, fleetExpectedCash, type CashPeriod, type FleetExpectedRow } from "./expected";
export { openCashCsv } from "./export";
export { recordPayout } from "./payouts";
export { cashSummaries, cashTrend, listCollections, type CollectionRow } from "./reports";
export { checkCashVariance } from "./variance";
