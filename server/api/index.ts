// The public REST API (v1): what its route handlers and tests import. Keys, scopes, rate limits and
// errors as problem details; the operations are the domains' front doors.
import "server-only";

export { problemOf, problemResponse, type Problem } from "./problem";
export { API_KEY_RATE_LIMIT, bearerKey, handleApiRequest, type ApiRequestOptions } from "./request";
export { getMachineOperation, listMachinesOperation } from "./machines";
