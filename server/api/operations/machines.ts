import "server-only";
import { z } from "zod";
import type { ServiceCtx } from "../../context";
import { fleetStatuses, getPublicMachine, listMachinePage, updateMachine } from "../../fleet";
import { defineOperation } from "../operation";
import { idParam, instant, iso, pageOf, pageQuery } from "../schemas";

export const machineSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    serial: z.string(),
    model: z.string(),
    status: z.enum(fleetStatuses).meta({ description: "online, offline (silent past the threshold), fault, never_connected or disabled" }),
    location_id: z.string().nullable(),
    last_seen_at: instant().nullable(),
    firmware: z.string().nullable(),
    temperature_c: z.number().nullable(),
    created_at: instant(),
  })
  .meta({ id: "Machine" });

type PublicMachine = Awaited<ReturnType<typeof getPublicMachine>>;

/** A machine in the API's words. */
function machineBody(m: PublicMachine): z.input<typeof machineSchema> {
  return {
    id: m.id,
    name: m.name,
    serial: m.serial,
    model: m.model,
    status: m.status,
    location_id: m.locationId,
    last_seen_at: iso(m.lastSeenAt),
    firmware: m.firmware,
    temperature_c: m.temperatureC,
    created_at: m.createdAt.toISOString(),
  };
}

const machineParams = z.object({ machine_id: idParam("The machine's id") });
const readMachine = (ctx: ServiceCtx, params: { machine_id: string }) => getPublicMachine(ctx, params.machine_id).then(machineBody);

const example = {
  id: "mch_8Jq2x0aB",
  name: "Station hall 1",
  serial: "VX-2041-0007",
  model: "Necta Kikko",
  status: "online",
  location_id: "loc_3kT9aZ1q",
  last_seen_at: "2026-12-01T09:29:41.000Z",
  firmware: "4.2.1",
  temperature_c: 5.5,
  created_at: "2026-03-14T10:00:00.000Z",
} as const;

export const listMachines = defineOperation({
  id: "listMachines",
  method: "GET",
  path: "/machines",
  scope: "machines:read",
  tag: "Machines",
  summary: "List machines",
  description: "The org's machines, oldest first, a page at a time.",
  query: z.object(pageQuery),
  response: pageOf(machineSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listMachinePage(ctx, query);
    return { data: page.items.map(machineBody), next_cursor: page.nextCursor };
  },
});

export const getMachine = defineOperation({
  id: "getMachine",
  method: "GET",
  path: "/machines/{machine_id}",
  scope: "machines:read",
  tag: "Machines",
  summary: "Get a machine",
  params: machineParams,
  response: machineSchema,
  examples: { response: example },
  handle: (ctx, { params }) => readMachine(ctx, params),
});

export const updateMachineOperation = defineOperation({
  id: "updateMachine",
  method: "PATCH",
  path: "/machines/{machine_id}",
  scope: "machines:write",
  tag: "Machines",
  summary: "Rename or move a machine",
  description: "Changes the fields sent; the others stay. Send `If-Match` with the ETag you read to refuse the change if someone changed the machine since.",
  params: machineParams,
  body: z
    .object({
      name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.").optional(),
      model: z.string().trim().max(120, "Use at most 120 characters.").optional(),
      location_id: z.string().min(1).max(64).nullable().optional().meta({ description: "A location of the org, or null to unassign" }),
    })
    .strict(),
  response: machineSchema,
  current: (ctx, { params }) => readMachine(ctx, params),
  examples: { request: { name: "Station hall 1 (east)", location_id: "loc_3kT9aZ1q" }, response: { ...example, name: "Station hall 1 (east)" } },
  handle: async (ctx, { params, body }) => {
    const now = await getPublicMachine(ctx, params.machine_id);
    await updateMachine(ctx, {
      machineId: now.id,
      name: body.name ?? now.name,
      serial: now.serial,
      model: body.model ?? now.model,
      locationId: body.location_id === undefined ? now.locationId : body.location_id,
    });
    return readMachine(ctx, params);
  },
});
