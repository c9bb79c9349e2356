import { z } from "zod";
import { createTRPCRouter, orgProcedure } from "../init";
import { getMachineTemperatureRange, machineTemperatureInput, setMachineTemperatureRange, alertSettingsInput, getAlertSettings, updateAlertSettings } from "~/server/alerts";
import { acknowledgeAlert, acknowledgeInput, alertIdInput, assignAlert, assignInput, getAlert, listAlerts, listAlertsInput, resolveByHand, resolveInput } from "~/server/alerts";
import { getPreferences, listNotifications, listNotificationsInput, markAllRead, markRead, markReadInput, preferencesInput, unreadCount, updatePreferences } from "~/server/alerts";
import {
  createEndpoint,
  deleteEndpoint,
  deliveriesInput,
  endpointIdInput,
  endpointInput,
  listDeliveries,
  listEndpoints,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  setEndpointEnabledInput,
  updateEndpoint,
  updateEndpointInput,
} from "~/server/alerts";

export const alertsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.svc, input)),
  get: orgProcedure("viewer").input(alertIdInput).query(({ ctx, input }) => getAlert(ctx.svc, input.alertId)),
  acknowledge: orgProcedure("technician").input(acknowledgeInput).mutation(({ ctx, input }) => acknowledgeAlert(ctx.svc, input)),
  assign: orgProcedure("technician").input(assignInput).mutation(({ ctx, input }) => assignAlert(ctx.svc, input)),
  resolve: orgProcedure("technician").input(resolveInput).mutation(({ ctx, input }) => resolveByHand(ctx.svc, input)),
  settings: orgProcedure("viewer").query(({ ctx }) => getAlertSettings(ctx.svc)),
  updateSettings: orgProcedure("admin").input(alertSettingsInput).mutation(({ ctx, input }) => updateAlertSettings(ctx.svc, input)),
  machineRange: orgProcedure("viewer").input(z.object({ machineId: z.string().min(1).max(64) })).query(({ ctx, input }) => getMachineTemperatureRange(ctx.svc, input.machineId)),
  setMachineRange: orgProcedure("manager").input(machineTemperatureInput).mutation(({ ctx, input }) => setMachineTemperatureRange(ctx.svc, input)),
});

export const notificationsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listNotificationsInput).query(({ ctx, input }) => listNotifications(ctx.svc, input)),
  unreadCount: orgProcedure("viewer").query(({ ctx }) => unreadCount(ctx.svc)),
  markRead: orgProcedure("viewer").input(markReadInput).mutation(({ ctx, input }) => markRead(ctx.svc, input)),
  markAllRead: orgProcedure("viewer").mutation(({ ctx }) => markAllRead(ctx.svc)),
  preferences: orgProcedure("viewer").query(({ ctx }) => getPreferences(ctx.svc)),
  updatePreferences: orgProcedure("viewer").input(preferencesInput).mutation(({ ctx, input }) => updatePreferences(ctx.svc, input)),
});

export const webhooksRouter = createTRPCRouter({
  list: orgProcedure("admin").query(({ ctx }) => listEndpoints(ctx.svc)),
  /** Answers the endpoint's signing secret: shown once, never again. */
  create: orgProcedure("admin").input(endpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.svc, input)),
  update: orgProcedure("admin").input(updateEndpointInput).mutation(({ ctx, input }) => updateEndpoint(ctx.svc, input)),
  rotateSecret: orgProcedure("admin").input(endpointIdInput).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.svc, input.endpointId)),
  setEnabled: orgProcedure("admin").input(setEndpointEnabledInput).mutation(({ ctx, input }) => setEndpointEnabled(ctx.svc, input)),
  delete: orgProcedure("admin").input(endpointIdInput).mutation(({ ctx, input }) => deleteEndpoint(ctx.svc, input.endpointId)),
  test: orgProcedure("admin").input(endpointIdInput).mutation(({ ctx, input }) => sendTestEvent(ctx.svc, input.endpointId)),
  deliveries: orgProcedure("admin").input(deliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.svc, input)),
});
