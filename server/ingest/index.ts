// The ingest domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { ingestBatch } from "./batch";
export { type MachineEvent, type RejectionCode } from "./events";
export { errorResponse, handleEventsRequest } from "./http";
