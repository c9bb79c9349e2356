// The alerts domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { hasOpenCriticalFault } from "./ingest-facts";
export { announcePendingAlerts } from "./announce";
export { listAlertPage } from "./alert-pages";
export { AlertBatch, lockMachineAlertsStatement, machineAlertsJson } from "./batch";
export { evaluateIngestRules, ruleReadsJson, ruleReadsOf, type RuleReads, type SlotLevel } from "./ingest-rules";
export { acknowledgeAlert, acknowledgeAlerts, assignAlert, getAlert, listAlerts, resolveAlertsByHand, resolveByHand } from "./lifecycle";
export { FLAP_WINDOW_MS, raiseAlert, resolveAlert } from "./raise";
export { checkNoSales, sweepOfflineMachines } from "./scheduled-rules";
export { getAlertSettings, getMachineTemperatureRange, setMachineTemperatureRange, updateAlertSettings } from "./settings";
export { countOpenAlerts } from "./summary";
