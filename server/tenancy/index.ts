// The tenancy domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { actorColumns, listAuditLog, recordAudit } from "./audit";
export { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from "./invitations";
export { changeMemberRole, leaveOrganization, listMembers, removeMember } from "./members";
export { listMyOrganizations, resolveMembership, type ResolvedMembership } from "./membership";
export { createOrganization, getOrganization, orgCurrencyJson, updateOrganization } from "./orgs";
export {
  authenticateApiKey,
  countApiKeyRequest,
  createApiKey,
  hashApiKey,
  listApiKeys,
  recordApiKeyUse,
  revokeApiKey,
  type ApiKeyIdentity,
  type ApiRateLimit,
} from "./api-keys";
export { claimIdempotencyKey, IDEMPOTENCY_HOURS, pruneIdempotencyKeys, storeIdempotentAnswer, type IdempotencyClaim, type StoredApiAnswer } from "./api-idempotency";
