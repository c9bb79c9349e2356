import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { locations, machines } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { notFound } from "../errors";
import { stickersInput } from "./contract";

/** What a machine's QR sticker prints: its name, where it stands, and the address of its pay page. */
export interface MachineSticker {
  machineId: string;
  name: string;
  locationName: string | null;
  address: string;
}

/**
 * The machines to print stickers for: one (NOT_FOUND when it is not the org's), or the whole
 * fleet but the disabled machines, by location and name.
 */
export async function machineStickers(ctx: ServiceCtx, raw: z.input<typeof stickersInput>): Promise<MachineSticker[]> {
  const { machineId } = stickersInput.parse(raw);
  const rows = await ctx.db
    .select({ machineId: machines.id, name: machines.name, locationName: locations.name, address: locations.address, disabledAt: machines.disabledAt })
    .from(machines)
    .leftJoin(locations, and(eq(locations.id, machines.locationId), eq(locations.orgId, ctx.orgId)))
    .where(and(eq(machines.orgId, ctx.orgId), machineId ? eq(machines.id, machineId) : undefined))
    .orderBy(asc(locations.name), asc(machines.name), asc(machines.id));
  if (machineId && rows.length === 0) throw notFound("Machine");
  return rows
    .filter((r) => machineId || r.disabledAt === null)
    .map((r) => ({ machineId: r.machineId, name: r.name, locationName: r.locationName, address: r.address ?? "" }));
}
