// The ingest domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { ingestBatch, type BatchOutcome } from "./batch";
export { MAX_BODY_BYTES, parseEnvelope } from "./events";
export { countMachineRequest } from "./request-windows";
export { pruneReportHours } from "./retention";
export { recordVisit } from "./visits";
