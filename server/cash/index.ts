// The cash domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { cashCollectionsStatement } from "./collections";
