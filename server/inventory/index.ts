// The inventory domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { getPlanogram, setPlanogram } from "./planogram";
export { importPlanograms, previewPlanogramImport, type PlanogramImportMachine, type PlanogramImportRow } from "./planogram-import";
export { slotStatesJson, slotStatesOf, stockChangeStatements, vendsAfterJson, type SlotState } from "./stock-changes";
export { checkVisitCounts, forgetServiceVisits, listVisits, restockedAfter, serviceVisitsStatement } from "./visits";
export { getSlot, updateSlot } from "./slot-update";
