// The machine API (protocol v1 over HTTP): what its route handlers and tests import.
import "server-only";

export { MACHINE_RATE_LIMIT, errorResponse, handleEventsRequest } from "./events-request";
export { handleAuditsRequest } from "./audits-request";
export { sendTestEvent } from "./test-event";
