// The replenishment domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { backtest, machineDays, type BacktestMachine } from "./backtest";
// The planner's pure functions, for benchmarks that run exactly what the product runs without a database.
export { fitForecast, weekdayFactorsOf, type DayObservation } from "./demand-model";
export { fitRoute, openDays } from "./plan-calendar";
export { planMachine, type PlanMachineInput, type PlanSlot } from "./plan-math";
export { createDeliveryRoute, deleteDeliveryRoute, getDeliveryRoute, listDeliveryRoutes, listTechnicians, updateDeliveryRoute } from "./delivery-routes";
export { horizonMeans, machinesToVisitToday, planFleet } from "./fleet-plan";
export { loadFleetSlots, orgZone } from "./fleet-slots";
export { computeForecasts } from "./forecast-run";
export { forecastStalestOrgs } from "./forecast-sweep";
export { loadHistory, slotKey } from "./history";
export { dayPlan } from "./day-plan";
export { deliveryRouteDay, myDeliveryRoutes, pickListCsvRows } from "./pick-list";
export { needsAttention } from "./needs-attention";
export { acceptTodaysPlan } from "./plan-acceptance";
export { getPlanView, machineForecast } from "./plan-view";
export { claimRouteVisit, lockRouteVisit, markRouteVisitCorrected, markRouteVisitUndone, type LockedRouteVisit } from "./route-visits";
export { getSettings, updateSettings } from "./settings";
export { getVisit, listVisitPage } from "./visit-pages";
