// The public REST API (v1): what its route handlers and tests import. Keys, scopes, rate limits and
// errors as problem details; the operations are the domains' front doors.
import "server-only";

export { problemOf, problemResponse, type Problem } from "./problem";
export { API_KEY_RATE_LIMIT, ApiProblem, bearerKey, handleApiRequest, type ApiAnswer, type ApiRequestOptions } from "./request";
export { apiRoute, etagOf } from "./route";
export { API_VERSION, openApiDocument } from "./openapi";
export { defineOperation, type AnyApiOperation, type ApiOperation } from "./operation";
export { accounting, alerts, apiOperations, audits, cash, locations, machines, orders, planograms, products, refundRequests, refunds, reports, sales, visits } from "./operations";
