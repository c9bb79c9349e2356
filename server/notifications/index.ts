// The notifications domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { notifyAlerts, publishAlertEvent } from "./alert-notices";
export { sendDueDeliveries, sendNotificationsNow } from "./deliveries";
export { listNotifications, markAllRead, markRead, unreadCount } from "./inbox";
export { notifyMembers, type MemberNotice } from "./member-notices";
export { getPreferences, updatePreferences } from "./preferences";
export { queueIntegratorEvent } from "./endpoint-events";
export { integratorEvents, type BusinessEventData, type IntegratorEventType } from "./integrator-events";
export { pruneNotifications } from "./prune";
export { queueSaleBatches, SALES_PER_DELIVERY } from "./sales-feed";
export { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints, rotateEndpointSecret, sendTestEvent, setEndpointEnabled, updateEndpoint } from "./webhook-endpoints";
