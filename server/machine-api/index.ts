// The machine API (protocol v1 over HTTP): what its route handlers and tests import.
import "server-only";

export { errorResponse, handleEventsRequest } from "./events-request";
