import { machineIdInput } from "~/server/fleet";
import { createTRPCRouter, orgProcedure } from "../init";
import { computeForecasts } from "~/server/replenishment";
import { myRoutes, routeDay, routeDayInput } from "~/server/replenishment";
import { getPlanView, machineForecast } from "~/server/replenishment";
import { createRoute, deleteRoute, getRoute, listRoutes, listTechnicians, routeIdInput, routeInput, updateRoute, updateRouteInput } from "~/server/replenishment";
import { getSettings, settingsInput, updateSettings } from "~/server/replenishment";
import { listVisits, listVisitsInput, recordVisit, recordVisitInput } from "~/server/replenishment";

export const routesRouter = createTRPCRouter({
  list: orgProcedure("viewer").query(({ ctx }) => listRoutes(ctx.svc)),
  get: orgProcedure("viewer").input(routeIdInput).query(({ ctx, input }) => getRoute(ctx.svc, input.routeId)),
  technicians: orgProcedure("viewer").query(({ ctx }) => listTechnicians(ctx.svc)),
  create: orgProcedure("manager").input(routeInput).mutation(({ ctx, input }) => createRoute(ctx.svc, input)),
  update: orgProcedure("manager").input(updateRouteInput).mutation(({ ctx, input }) => updateRoute(ctx.svc, input)),
  delete: orgProcedure("manager").input(routeIdInput).mutation(({ ctx, input }) => deleteRoute(ctx.svc, input)),
  /** A route's stops, fills and pick list for a day. */
  day: orgProcedure("viewer").input(routeDayInput).query(({ ctx, input }) => routeDay(ctx.svc, input)),
  mine: orgProcedure("technician").query(({ ctx }) => myRoutes(ctx.svc)),
});

export const plansRouter = createTRPCRouter({
  get: orgProcedure("viewer").query(({ ctx }) => getPlanView(ctx.svc)),
  machine: orgProcedure("viewer").input(machineIdInput).query(({ ctx, input }) => machineForecast(ctx.svc, input.machineId)),
  /** Forecasts this org again now instead of waiting for the hourly job. */
  refresh: orgProcedure("manager").mutation(({ ctx }) => computeForecasts(ctx.svc)),
  settings: orgProcedure("viewer").query(({ ctx }) => getSettings(ctx.svc)),
  updateSettings: orgProcedure("manager").input(settingsInput).mutation(({ ctx, input }) => updateSettings(ctx.svc, input)),
});

export const visitsRouter = createTRPCRouter({
  record: orgProcedure("technician").input(recordVisitInput).mutation(({ ctx, input }) => recordVisit(ctx.svc, input)),
  list: orgProcedure("viewer").input(listVisitsInput).query(({ ctx, input }) => listVisits(ctx.svc, input)),
});
