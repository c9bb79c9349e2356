import "server-only";
import {
  createLocation,
  getMachineDetail,
  listLocations,
  listMachineEvents,
  listMachines,
  machineConnection,
  onboardingProgress,
  listMachinesInput,
  locationInput,
  machineEventsInput,
  machineIdInput,
  machineInput,
  registerMachine,
  rotateMachineSecret,
  setDisabledInput,
  setMachineDisabled,
  updateLocation,
  updateLocationInput,
  updateMachine,
  updateMachineInput,
} from "~/server/fleet";
import { sendTestEvent } from "~/server/machine-api";
import { createTRPCRouter, orgProcedure } from "../init";

export const locationsRouter = createTRPCRouter({
  list: orgProcedure("viewer").query(({ ctx }) => listLocations(ctx.svc)),
  create: orgProcedure("manager").input(locationInput).mutation(({ ctx, input }) => createLocation(ctx.svc, input)),
  update: orgProcedure("manager").input(updateLocationInput).mutation(({ ctx, input }) => updateLocation(ctx.svc, input)),
});

export const machinesRouter = createTRPCRouter({
  list: orgProcedure("viewer").input(listMachinesInput).query(({ ctx, input }) => listMachines(ctx.svc, input)),
  get: orgProcedure("viewer").input(machineIdInput).query(({ ctx, input }) => getMachineDetail(ctx.svc, input.machineId)),
  events: orgProcedure("viewer").input(machineEventsInput).query(({ ctx, input }) => listMachineEvents(ctx.svc, input)),
  /** Answers the new machine's secret: shown once, never again. */
  register: orgProcedure("manager").input(machineInput).mutation(({ ctx, input }) => registerMachine(ctx.svc, input)),
  update: orgProcedure("manager").input(updateMachineInput).mutation(({ ctx, input }) => updateMachine(ctx.svc, input)),
  rotateSecret: orgProcedure("manager").input(machineIdInput).mutation(({ ctx, input }) => rotateMachineSecret(ctx.svc, input)),
  setDisabled: orgProcedure("manager").input(setDisabledInput).mutation(({ ctx, input }) => setMachineDisabled(ctx.svc, input)),
  /** Whether the machine has reported yet; "Connect a machine" polls it for the first event. */
  connection: orgProcedure("viewer").input(machineIdInput).query(({ ctx, input }) => machineConnection(ctx.svc, input)),
  /** A signed heartbeat marked as a test, through the machine's credentials and the ingest path. */
  sendTestEvent: orgProcedure("manager").input(machineIdInput).mutation(({ ctx, input }) => sendTestEvent(ctx.svc, input)),
  /** The organization's setup steps, each from its data, for the overview's checklist. */
  onboarding: orgProcedure("viewer").query(({ ctx }) => onboardingProgress(ctx.svc)),
});

