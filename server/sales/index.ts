// The sales domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { assignSaleToConsumer } from "./claims";
export { openSalesCsv } from "./export";
export { recordVendsStatement, type RecordedSale, type VendFact } from "./record";
export { listSales, salesByDay, salesTotals } from "./sales";
export { getPublicSale, listSalePage, salePageInput, type PublicSale } from "./sale-pages";
export { salesComparison, type SalesComparisonResult, type SalesFigures } from "./comparison";
