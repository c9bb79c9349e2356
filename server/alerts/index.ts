// The alerts domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { sendDueDeliveries, sendNotificationsNow } from "./deliveries";
export { getPreferences, listNotifications, listNotificationsInput, markAllRead, markRead, markReadInput, preferencesInput, unreadCount, updatePreferences } from "./inbox";
export { evaluateIngestRules } from "./ingest-rules";
export { acknowledgeAlert, acknowledgeInput, alertIdInput, assignAlert, assignInput, getAlert, listAlerts, listAlertsInput, resolveByHand, resolveInput } from "./lifecycle";
export { raiseAlert, resolveAlert } from "./raise";
export { checkNoSales, sweepOfflineMachines } from "./scheduled-rules";
export { alertSettingsInput, getAlertSettings, getMachineTemperatureRange, machineTemperatureInput, setMachineTemperatureRange, updateAlertSettings } from "./settings";
export { countOpenAlerts } from "./summary";
export { webhookEventTypes } from "./webhook-events";
export { createEndpoint, deleteEndpoint, deliveriesInput, endpointIdInput, endpointInput, listDeliveries, listEndpoints, rotateEndpointSecret, sendTestEvent, setEndpointEnabled, setEndpointEnabledInput, updateEndpoint, updateEndpointInput } from "./webhooks";
