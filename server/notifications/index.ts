// The notifications domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { notifyAlerts, publishAlertEvent } from "./alert-notices";
export { sendDueDeliveries, sendNotificationsNow } from "./deliveries";
export { listNotifications, markAllRead, markRead, unreadCount } from "./inbox";
export { notifyMembers, type MemberNotice } from "./member-notices";
export { getPreferences, updatePreferences } from "./preferences";
export { pruneNotifications } from "./prune";
export { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints, rotateEndpointSecret, sendTestEvent, setEndpointEnabled, updateEndpoint } from "./webhook-endpoints";
