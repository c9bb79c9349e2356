// The replenishment domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { backtest, type BacktestMachine } from "./backtest";
export { createDeliveryRoute, deleteDeliveryRoute, getDeliveryRoute, listDeliveryRoutes, listTechnicians, updateDeliveryRoute } from "./delivery-routes";
export { machinesToVisitToday, planFleet } from "./fleet-plan";
export { loadFleetSlots, orgZone } from "./fleet-slots";
export { computeForecasts } from "./forecast-run";
export { forecastStalestOrgs } from "./forecast-sweep";
export { loadHistory, slotKey } from "./history";
export { deliveryRouteDay, myDeliveryRoutes, pickListCsvRows } from "./pick-list";
export { getPlanView, machineForecast } from "./plan-view";
export { claimRouteVisit } from "./route-visits";
export { getSettings, updateSettings } from "./settings";
