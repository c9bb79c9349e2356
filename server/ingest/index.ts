// The ingest domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { ingestBatch, type BatchOutcome, type MachineRequest, type Refusal } from "./batch";
export { eventData, MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST, parseEnvelope } from "./events";
export { ensureEventPartitions, eventPartitionSizes, retireEventPartitions, type EnsuredPartitions, type EventPartitionSize, type RetiredPartitions } from "./partitions";
export { pruneReportHours } from "./retention";
export { recordVisit } from "./visits";
export { correctVisit, undoVisit } from "./visit-changes";
export { ingestAudit, matchAuditFiles, uploadAudits, type AuditIngestResult } from "./audits";
export { crc16arc } from "./dex/crc";
export { parseDex, type ParsedDex } from "./dex/parse";
