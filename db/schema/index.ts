export * from "./roles";
export * from "./auth";
export * from "./tenancy";
