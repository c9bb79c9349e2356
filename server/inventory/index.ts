// The inventory domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { getPlanogram, setPlanogram } from "./planogram";
export { slotStatesJson, slotStatesOf, stockChangeStatements, vendsAfterJson, type SlotState } from "./stock-changes";
export { checkVisitCounts, listVisits, serviceVisitsStatement } from "./visits";
