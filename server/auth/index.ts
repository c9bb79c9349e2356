// The auth domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { findUser, setUserLocale, signUp, verifyCredentials } from "./accounts";
export { hashPassword, verifyPassword } from "./password";
export { recipientLocale, recipientLocales } from "./recipient-locales";
export { throttleLimits } from "./throttle";
