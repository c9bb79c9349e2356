import "server-only";
import { createTRPCRouter, orgProcedure } from "../init";
import {
  acknowledgeAlert,
  acknowledgeAlerts,
  acknowledgeInput,
  acknowledgeManyInput,
  alertIdInput,
  alertSettingsInput,
  assignAlert,
  assignInput,
  getAlert,
  getAlertSettings,
  getMachineTemperatureRange,
  listAlerts,
  listAlertsInput,
  machineRangeInput,
  machineTemperatureInput,
  resolveAlertsByHand,
  resolveByHand,
  resolveInput,
  resolveManyInput,
  setMachineTemperatureRange,
  updateAlertSettings,
} from "~/server/alerts";

export const alertsRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listAlertsInput).query(({ ctx, input }) => listAlerts(ctx.svc, input)),
  get: orgProcedure("viewer").input(alertIdInput).query(({ ctx, input }) => getAlert(ctx.svc, input)),
  acknowledge: orgProcedure("technician").input(acknowledgeInput).mutation(({ ctx, input }) => acknowledgeAlert(ctx.svc, input)),
  assign: orgProcedure("technician").input(assignInput).mutation(({ ctx, input }) => assignAlert(ctx.svc, input)),
  resolve: orgProcedure("technician").input(resolveInput).mutation(({ ctx, input }) => resolveByHand(ctx.svc, input)),
  acknowledgeMany: orgProcedure("technician").input(acknowledgeManyInput).mutation(({ ctx, input }) => acknowledgeAlerts(ctx.svc, input)),
  resolveMany: orgProcedure("technician").input(resolveManyInput).mutation(({ ctx, input }) => resolveAlertsByHand(ctx.svc, input)),
  settings: orgProcedure("viewer").query(({ ctx }) => getAlertSettings(ctx.svc)),
  updateSettings: orgProcedure("admin").input(alertSettingsInput).mutation(({ ctx, input }) => updateAlertSettings(ctx.svc, input)),
  machineRange: orgProcedure("viewer").input(machineRangeInput).query(({ ctx, input }) => getMachineTemperatureRange(ctx.svc, input)),
  setMachineRange: orgProcedure("manager").input(machineTemperatureInput).mutation(({ ctx, input }) => setMachineTemperatureRange(ctx.svc, input)),
});
