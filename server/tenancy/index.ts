// The tenancy domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
export { actorColumns, listAuditLog, listAuditLogInput, recordAudit } from "./audit";
export { acceptInvitation, createInvitation, createInvitationInput, listInvitations, previewInvitation, revokeInvitation, revokeInvitationInput } from "./invitations";
export { changeMemberRole, changeRoleInput, leaveOrganization, listMembers, removeMember, removeMemberInput } from "./members";
export { listMyOrganizations, resolveMembership, type ResolvedMembership } from "./membership";
export { createOrganization, createOrganizationInput, getOrganization, orgSettingsInput, updateOrganization } from "./orgs";
