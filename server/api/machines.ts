import "server-only";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { getPublicMachine, listMachinePage, machineIdInput } from "../fleet";

type PublicMachine = Awaited<ReturnType<typeof getPublicMachine>>;

/** A machine in the API's words (snake_case, times as ISO 8601). */
function machineBody(m: PublicMachine) {
  return {
    id: m.id,
    name: m.name,
    serial: m.serial,
    model: m.model,
    status: m.status,
    location_id: m.locationId,
    last_seen_at: m.lastSeenAt?.toISOString() ?? null,
    firmware: m.firmware,
    temperature_c: m.temperatureC,
    created_at: m.createdAt.toISOString(),
  };
}

/** `GET /api/v1/machines?limit=&cursor=`: a page of the org's machines. */
export async function listMachinesOperation(ctx: ServiceCtx, query: URLSearchParams) {
  const page = await listMachinePage(ctx, { limit: query.get("limit") ?? undefined, cursor: query.get("cursor") ?? undefined });
  return { data: page.items.map(machineBody), next_cursor: page.nextCursor };
}

/** `GET /api/v1/machines/{id}`: one machine of the org. */
export async function getMachineOperation(ctx: ServiceCtx, machineId: string) {
  const { machineId: id } = machineIdInput.parse({ machineId });
  // Ids are letters, digits, "_" and "-": anything else (a NUL, a line break) names no machine.
  if (!/^[\w-]+$/.test(id)) throw notFound("Machine");
  return machineBody(await getPublicMachine(ctx, id));
}
