// The web transport: what pages, layouts, server actions and route handlers need around a request
// (the session, org access, Auth.js, file downloads). It calls the domains' front doors.
import "server-only";

export { withSafeCallbackUrls } from "./auth-request";
export { safeCallbackUrl } from "./callback-url";
export { clientAddress } from "./client-address";
export { handlers, signIn, signOut } from "./next-auth";
export { requireMember, requireUser } from "./org-access";
export { hostStatementDownload, requireHost } from "./host-access";
export { orgDownload, type DownloadFile, type RequestSession } from "./org-download";
export { consumerReceiptPdf, orderReceiptPdf } from "./receipt-download";
export { currentUser } from "./session";
export { requestLocale } from "./locale";
