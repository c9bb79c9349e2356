import "server-only";
import {
  acceptInvitation,
  createApiKey,
  createApiKeyInput,
  listApiKeys,
  revokeApiKey,
  revokeApiKeyInput,
  changeMemberRole,
  changeRoleInput,
  createInvitation,
  createInvitationInput,
  createOrganization,
  createOrganizationInput,
  getOrganization,
  invitationTokenInput,
  leaveOrganization,
  listAuditLog,
  listAuditLogInput,
  listInvitations,
  listMembers,
  listMyOrganizations,
  orgSettingsInput,
  previewInvitation,
  removeMember,
  removeMemberInput,
  revokeInvitation,
  revokeInvitationInput,
  updateOrganization,
} from "~/server/tenancy";
import { createTRPCRouter, orgProcedure, protectedProcedure, publicProcedure } from "../init";

export const orgRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyOrganizations(ctx.db, ctx.user.id)),
  create: protectedProcedure
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, { actor: { type: "user", id: ctx.user.id, label: ctx.user.name }, org: input })),
  get: orgProcedure("viewer").query(async ({ ctx }) => ({ ...(await getOrganization(ctx.svc)), myRole: ctx.svc.role })),
  update: orgProcedure("admin").input(orgSettingsInput).mutation(({ ctx, input }) => updateOrganization(ctx.svc, input)),
});

export const membersRouter = createTRPCRouter({
  list: orgProcedure("viewer").query(({ ctx }) => listMembers(ctx.svc)),
  changeRole: orgProcedure("admin").input(changeRoleInput).mutation(({ ctx, input }) => changeMemberRole(ctx.svc, input)),
  remove: orgProcedure("admin").input(removeMemberInput).mutation(({ ctx, input }) => removeMember(ctx.svc, input)),
  leave: orgProcedure("viewer").mutation(({ ctx }) => leaveOrganization(ctx.svc)),
});

export const invitationsRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listInvitations(ctx.svc)),
  create: orgProcedure("admin").input(createInvitationInput).mutation(({ ctx, input }) => createInvitation(ctx.svc, input)),
  revoke: orgProcedure("admin").input(revokeInvitationInput).mutation(({ ctx, input }) => revokeInvitation(ctx.svc, input)),
  preview: publicProcedure.input(invitationTokenInput).query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  accept: protectedProcedure.input(invitationTokenInput).mutation(({ ctx, input }) => acceptInvitation(ctx.db, { user: ctx.user, token: input.token })),
});

export const auditRouter = createTRPCRouter({
  list: orgProcedure("admin").input(listAuditLogInput).query(({ ctx, input }) => listAuditLog(ctx.svc, input)),
});

export const apiKeysRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listApiKeys(ctx.svc)),
  create: orgProcedure("admin").input(createApiKeyInput).mutation(({ ctx, input }) => createApiKey(ctx.svc, input)),
  revoke: orgProcedure("admin").input(revokeApiKeyInput).mutation(({ ctx, input }) => revokeApiKey(ctx.svc, input)),
});
