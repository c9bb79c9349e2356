// The audits domain's front door: DEX audits kept per machine, sales between reads, selection maps
// and reconciliation with telemetry. The only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export type { AuditFacts } from "./quality";
export { answerOf, machinesBySerial, storeAudit, type StoredAudit } from "./store";
export { listAuditPage } from "./audit-pages";
export { getAudit, getSelectionMap, listAudits, machineAuditSummary, setSelectionMap } from "./views";
