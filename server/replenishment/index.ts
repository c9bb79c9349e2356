// The replenishment domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { backtest, type BacktestMachine } from "./backtest";
export { addDays, localDay } from "./days";
export { loadFleetSlots, orgZone } from "./fleet-slots";
export { FORECAST_JOB, runForecastJob } from "./forecast-job";
export { HISTORY_DAYS, computeForecasts } from "./forecasting";
export { loadHistory, slotKey } from "./history";
export { myRoutes, pickListCsvRows, routeDay, routeDayInput } from "./pick-list";
export { getPlanView, machineForecast } from "./plan-view";
export { machinesToVisit, planFleet } from "./planning";
export { createRoute, deleteRoute, getRoute, listRoutes, listTechnicians, routeIdInput, routeInput, updateRoute, updateRouteInput } from "./routes";
export { getSettings, settingsInput, updateSettings } from "./settings";
export { listVisits, listVisitsInput, recordVisit, recordVisitInput } from "./visits";
