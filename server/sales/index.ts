// The sales domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { openSalesCsv } from "./export";
export { listSales, listSalesInput, salesByDay, salesFilterInput, salesTotals } from "./sales";
