import "server-only";
import { machineIdInput } from "~/server/fleet";
import { correctVisit, correctVisitInput, recordVisit, recordVisitInput, undoVisit, undoVisitInput } from "~/server/ingest";
import { listVisits, listVisitsInput } from "~/server/inventory";
import {
  acceptTodaysPlan,
  computeForecasts,
  createDeliveryRoute,
  deleteDeliveryRoute,
  deliveryRouteDay,
  deliveryRouteDayInput,
  deliveryRouteIdInput,
  deliveryRouteInput,
  getDeliveryRoute,
  getPlanView,
  getSettings,
  listDeliveryRoutes,
  listTechnicians,
  machineForecast,
  myDeliveryRoutes,
  settingsInput,
  updateDeliveryRoute,
  updateDeliveryRouteInput,
  updateSettings,
} from "~/server/replenishment";
import { createTRPCRouter, orgProcedure } from "../init";

// The paths say "routes" as the pages do; in the code a route of machines is a delivery route.
export const routesRouter = createTRPCRouter({
  list: orgProcedure("viewer").query(({ ctx }) => listDeliveryRoutes(ctx.svc)),
  get: orgProcedure("viewer").input(deliveryRouteIdInput).query(({ ctx, input }) => getDeliveryRoute(ctx.svc, input)),
  technicians: orgProcedure("viewer").query(({ ctx }) => listTechnicians(ctx.svc)),
  create: orgProcedure("manager").input(deliveryRouteInput).mutation(({ ctx, input }) => createDeliveryRoute(ctx.svc, input)),
  update: orgProcedure("manager").input(updateDeliveryRouteInput).mutation(({ ctx, input }) => updateDeliveryRoute(ctx.svc, input)),
  delete: orgProcedure("manager").input(deliveryRouteIdInput).mutation(({ ctx, input }) => deleteDeliveryRoute(ctx.svc, input)),
  /** A route's stops, fills and pick list for a day. */
  day: orgProcedure("viewer").input(deliveryRouteDayInput).query(({ ctx, input }) => deliveryRouteDay(ctx.svc, input)),
  mine: orgProcedure("technician").query(({ ctx }) => myDeliveryRoutes(ctx.svc)),
});

export const plansRouter = createTRPCRouter({
  get: orgProcedure("viewer").query(({ ctx }) => getPlanView(ctx.svc, { locale: ctx.locale })),
  machine: orgProcedure("viewer").input(machineIdInput).query(({ ctx, input }) => machineForecast(ctx.svc, input)),
  /** Forecasts this org again now instead of waiting for the hourly job. */
  refresh: orgProcedure("manager").mutation(({ ctx }) => computeForecasts(ctx.svc)),
  acceptToday: orgProcedure("manager").mutation(({ ctx }) => acceptTodaysPlan(ctx.svc)),
  settings: orgProcedure("viewer").query(({ ctx }) => getSettings(ctx.svc)),
  updateSettings: orgProcedure("manager").input(settingsInput).mutation(({ ctx, input }) => updateSettings(ctx.svc, input)),
});

export const visitsRouter = createTRPCRouter({
  record: orgProcedure("technician").input(recordVisitInput).mutation(({ ctx, input }) => recordVisit(ctx.svc, input)),
  /** Undoes a machine's last visit (the technician who recorded it, or a manager). */
  undo: orgProcedure("technician").input(undoVisitInput).mutation(({ ctx, input }) => undoVisit(ctx.svc, input)),
  /** Corrects the counts of a machine's last visit (the technician who recorded it, or a manager). */
  correct: orgProcedure("technician").input(correctVisitInput).mutation(({ ctx, input }) => correctVisit(ctx.svc, input)),
  list: orgProcedure("viewer").input(listVisitsInput).query(({ ctx, input }) => listVisits(ctx.svc, input)),
});
