import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { machineSecrets, machines } from "~/db/schema";
import { getSecrets } from "~/server/config/secrets";
import type { ServiceCtx } from "~/server/context";
import { notFound } from "~/server/errors";
import { decryptSecret, encryptSecret, generateMachineSecret } from "./secret-box";

/** How long the previous secret keeps verifying after a rotation. */
export const ROTATION_GRACE_HOURS = 24;

/** Stores a new current secret for a machine and returns it in plain text, to be shown once. */
export async function issueMachineSecret(ctx: ServiceCtx, { machineId }: { machineId: string }): Promise<string> {
  const secret = generateMachineSecret();
  await ctx.db.insert(machineSecrets).values({
    id: newId("msk"),
    orgId: ctx.orgId,
    machineId,
    ciphertext: encryptSecret(getSecrets().machineSecretsKey, secret),
  });
  // Servers that cached the machine's credentials see the change on its next request.
  await ctx.db
    .update(machines)
    .set({ credentialsVersion: sql`${machines.credentialsVersion} + 1` })
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)));
  return secret;
}

/**
 * Replaces the machine's current secret. The previous one keeps verifying for 24 hours so a
 * machine can be updated without losing traffic; secrets older than that are deleted.
 */
export async function rotateSecret(ctx: ServiceCtx, { machineId }: { machineId: string }) {
  // Rotations of one machine run one after another: without the lock, two at once both retire
  // the same current secret and both insert a new one, which the one-current-secret key refuses.
  // The statements below run after the wait, so they see the other rotation's secret and retire it.
  const [machine] = await ctx.db
    .select({ id: machines.id })
    .from(machines)
    .where(and(eq(machines.id, machineId), eq(machines.orgId, ctx.orgId)))
    .for("update");
  if (!machine) throw notFound("Machine");
  await ctx.db
    .delete(machineSecrets)
    .where(and(eq(machineSecrets.orgId, ctx.orgId), eq(machineSecrets.machineId, machineId), lt(machineSecrets.expiresAt, sql`now()`)));
  await ctx.db
    .update(machineSecrets)
    .set({ expiresAt: sql`now() + make_interval(hours => ${ROTATION_GRACE_HOURS})` })
    .where(and(eq(machineSecrets.orgId, ctx.orgId), eq(machineSecrets.machineId, machineId), isNull(machineSecrets.expiresAt)));
  return issueMachineSecret(ctx, { machineId });
}

export interface MachineCredentials {
  machineId: string;
  orgId: string;
  disabled: boolean;
  /** The machine's `credentials_version` when these were read. */
  version: number;
  /** Every secret that verifies: the current one and, during a rotation, the previous one until it expires. */
  secrets: { secret: string; expiresAt: number | null }[];
}

/**
 * Looks a machine up by its public id for the machine API. Runs on the owner connection: the
 * request names no tenant until its machine is known, and only the machine's own row is read.
 */
export async function machineCredentials(db: Db, { machineId }: { machineId: string }): Promise<MachineCredentials | null> {
  // A named prepared statement: planned once per connection, then only bound and executed.
  const rows = await db
    .select({
      orgId: machines.orgId,
      disabledAt: machines.disabledAt,
      version: machines.credentialsVersion,
      ciphertext: machineSecrets.ciphertext,
      expiresAt: machineSecrets.expiresAt,
    })
    .from(machines)
    .leftJoin(
      machineSecrets,
      and(eq(machineSecrets.machineId, machines.id), or(isNull(machineSecrets.expiresAt), sql`${machineSecrets.expiresAt} > now()`)),
    )
    .where(eq(machines.id, sql.placeholder("machineId")))
    .prepare("machine_credentials")
    .execute({ machineId });
  const first = rows[0];
  if (!first) return null;
  const key = getSecrets().machineSecretsKey;
  return {
    machineId,
    orgId: first.orgId,
    disabled: first.disabledAt !== null,
    version: first.version,
    secrets: rows.flatMap((r) => (r.ciphertext ? [{ secret: decryptSecret(key, r.ciphertext), expiresAt: r.expiresAt?.getTime() ?? null }] : [])),
  };
}

/** Machines whose credentials a server keeps decrypted in memory; the oldest entry goes first. */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, MachineCredentials>();

/**
 * A machine's credentials from this process's cache, read on a miss or when `refresh` is set. The
 * cache is never trusted alone: the ingest transaction compares the version and the disabled flag
 * on the machine row it locks, so a rotation or a disabling takes effect on the next request.
 */
export async function cachedMachineCredentials(db: Db, { machineId, refresh = false }: { machineId: string; refresh?: boolean }): Promise<MachineCredentials | null> {
  const hit = refresh ? undefined : cache.get(machineId);
  if (hit) return hit;
  const read = await machineCredentials(db, { machineId });
  cache.delete(machineId);
  if (read) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(machineId, read);
  }
  return read;
}
