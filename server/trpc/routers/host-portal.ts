import "server-only";
import {
  acceptHostInvitation,
  hostInvitationTokenInput,
  hostLocation,
  hostLocationInput,
  hostOverview,
  inviteHosts,
  inviteHostsInput,
  listHostPlaces,
  listLocationHosts,
  locationHostsInput,
  previewHostInvitation,
  removeHost,
  removeHostInput,
  reportMachineProblem,
  reportProblemInput,
  revokeHostInvitation,
  revokeHostInvitationInput,
} from "~/server/hosts";
import { hostProcedure } from "../host-procedure";
import { createTRPCRouter, orgProcedure, protectedProcedure, publicProcedure } from "../init";

/** The operator's side: who hosts a location, and invitations for hosts. */
export const hostAccessRouter = createTRPCRouter({
  list: orgProcedure("manager").input(locationHostsInput).query(({ ctx, input }) => listLocationHosts(ctx.svc, input)),
  invite: orgProcedure("manager").input(inviteHostsInput).mutation(({ ctx, input }) => inviteHosts(ctx.svc, input)),
  revokeInvitation: orgProcedure("manager").input(revokeHostInvitationInput).mutation(({ ctx, input }) => revokeHostInvitation(ctx.svc, input)),
  remove: orgProcedure("manager").input(removeHostInput).mutation(({ ctx, input }) => removeHost(ctx.svc, input)),
});

/** The host portal: a host's own places, confined to them by the database. */
export const hostPortalRouter = createTRPCRouter({
  /** Every place the signed-in user hosts, by org (none for most users). */
  places: protectedProcedure.query(({ ctx }) => listHostPlaces(ctx.db, ctx.user.id)),
  preview: publicProcedure.input(hostInvitationTokenInput).query(({ ctx, input }) => previewHostInvitation(ctx.db, input.token)),
  accept: protectedProcedure.input(hostInvitationTokenInput).mutation(({ ctx, input }) => acceptHostInvitation(ctx.db, { user: ctx.user, token: input.token })),
  overview: hostProcedure.query(({ ctx }) => hostOverview(ctx.host)),
  location: hostProcedure.input(hostLocationInput).query(({ ctx, input }) => hostLocation(ctx.host, input)),
  reportProblem: hostProcedure.input(reportProblemInput).mutation(({ ctx, input }) => reportMachineProblem(ctx.host, input)),
});
