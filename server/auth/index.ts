// The auth domain's front door: the only module other domains, transports and pages import.
import "server-only";

export { credentialTextProblem, emailSchema, signUp, signUpInput, type SessionUser } from "./accounts";
export { withSafeCallbackUrls } from "./auth-request";
export { safeCallbackUrl } from "./callback-url";
export { clientAddress, recordSocketAddress } from "./client-address";
export { refuseCrossSitePost } from "./cross-site-post";
export { handlers, signIn, signOut } from "./next-auth";
export { hashPassword, verifyPassword } from "./password";
export { currentUser } from "./session";
