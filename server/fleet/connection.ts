import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { machineSecrets, machines } from "~/db/schema";
import { getSecrets } from "~/server/config/secrets";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { fleetMessages } from "./contract";
import { decryptSecret } from "./secret-box";

/** Whether a machine has reported yet: what "Connect a machine" watches for its first event. */
export async function machineConnection(ctx: ServiceCtx, { machineId }: { machineId: string }) {
  const [machine] = await ctx.db
    .select({ machineId: machines.id, name: machines.name, status: machines.status, lastSeenAt: machines.lastSeenAt })
    .from(machines)
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)));
  if (!machine) throw notFound("Machine");
  return { ...machine, connected: machine.lastSeenAt !== null };
}

/**
 * The machine's current secret, for the server to sign a test event with as the machine would.
 * It never leaves the server; the member who asked is written to the audit log.
 */
export async function testEventSigningSecret(ctx: ServiceCtx, { machineId }: { machineId: string }): Promise<string> {
  const [machine] = await ctx.db
    .select({ name: machines.name, disabledAt: machines.disabledAt, ciphertext: machineSecrets.ciphertext })
    .from(machines)
    .leftJoin(machineSecrets, and(eq(machineSecrets.machineId, machines.id), isNull(machineSecrets.expiresAt)))
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)));
  if (!machine) throw notFound("Machine");
  if (machine.disabledAt) throw new ServiceError("CONFLICT", fleetMessages.test_disabled, { machine: machine.name });
  if (!machine.ciphertext) throw new ServiceError("CONFLICT", fleetMessages.test_no_secret, { machine: machine.name });
  await recordAudit(ctx, { action: "machine.tested", targetType: "machine", targetId: machineId });
  return decryptSecret(getSecrets().machineSecretsKey, machine.ciphertext);
}
