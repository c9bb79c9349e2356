import { z } from "zod";
import { createTRPCRouter, orgProcedure, protectedProcedure, publicProcedure } from "../init";
import { listAuditLog, listAuditLogInput } from "~/server/tenancy";
import {
  acceptInvitation,
  createInvitation,
  createInvitationInput,
  listInvitations,
  previewInvitation,
  revokeInvitation,
  revokeInvitationInput,
} from "~/server/tenancy";
import { listMyOrganizations } from "~/server/tenancy";
import { changeMemberRole, changeRoleInput, leaveOrganization, listMembers, removeMember, removeMemberInput } from "~/server/tenancy";
import { createOrganization, createOrganizationInput, getOrganization, orgSettingsInput, updateOrganization } from "~/server/tenancy";

const tokenInput = z.object({ token: z.string().min(10).max(100) });

export const orgRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyOrganizations(ctx.db, ctx.user.id)),
  create: protectedProcedure
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx.db, { type: "user", id: ctx.user.id, label: ctx.user.name }, input)),
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
  preview: publicProcedure.input(tokenInput).query(({ ctx, input }) => previewInvitation(ctx.db, input.token)),
  accept: protectedProcedure.input(tokenInput).mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.user, input.token)),
});

export const auditRouter = createTRPCRouter({
  list: orgProcedure("admin").input(listAuditLogInput).query(({ ctx, input }) => listAuditLog(ctx.svc, input)),
});
