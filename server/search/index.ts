// The search domain's front door: "find anything" reads other domains' tables and owns none.
import "server-only";

export * from "./contract";
export { searchOrg } from "./search";
