import "server-only";
import { createTRPCRouter, orgProcedure } from "../init";
import {
  createEndpoint,
  deleteEndpoint,
  deliveriesInput,
  endpointIdInput,
  endpointInput,
  getPreferences,
  listDeliveries,
  listEndpoints,
  listNotifications,
  listNotificationsInput,
  markAllRead,
  markRead,
  markReadInput,
  preferencesInput,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  setEndpointEnabledInput,
  unreadCount,
  updateEndpoint,
  updateEndpointInput,
  updatePreferences,
} from "~/server/notifications";

export const notificationsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listNotificationsInput).query(({ ctx, input }) => listNotifications(ctx.svc, input)),
  unreadCount: orgProcedure("viewer").query(({ ctx }) => unreadCount(ctx.svc)),
  markRead: orgProcedure("viewer").input(markReadInput).mutation(({ ctx, input }) => markRead(ctx.svc, input)),
  markAllRead: orgProcedure("viewer").mutation(({ ctx }) => markAllRead(ctx.svc)),
  preferences: orgProcedure("viewer").query(({ ctx }) => getPreferences(ctx.svc)),
  updatePreferences: orgProcedure("viewer").input(preferencesInput).mutation(({ ctx, input }) => updatePreferences(ctx.svc, input)),
});

/** The org's outbound webhook endpoints (the path keeps its name: pages and clients call webhooks.*). */
export const webhooksRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listEndpoints(ctx.svc, { locale: ctx.locale })),
  /** Answers the endpoint's signing secret: shown once, never again. */
  create: orgProcedure("admin").input(endpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.svc, input)),
  update: orgProcedure("admin").input(updateEndpointInput).mutation(({ ctx, input }) => updateEndpoint(ctx.svc, input)),
  rotateSecret: orgProcedure("admin").input(endpointIdInput).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.svc, input)),
  setEnabled: orgProcedure("admin").input(setEndpointEnabledInput).mutation(({ ctx, input }) => setEndpointEnabled(ctx.svc, input)),
  delete: orgProcedure("admin").input(endpointIdInput).mutation(({ ctx, input }) => deleteEndpoint(ctx.svc, input)),
  test: orgProcedure("admin").input(endpointIdInput).mutation(({ ctx, input }) => sendTestEvent(ctx.svc, { ...input, locale: ctx.locale })),
  deliveries: orgProcedure("admin").input(deliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.svc, input)),
});
