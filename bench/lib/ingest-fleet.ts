// The fleet the ingest benchmark sends events for: one org of registered machines with planograms
// (bench/lib/bench-fleet.ts), each with a current secret stored as the fleet domain stores it,
// encrypted with AES-256-GCM under the deployment's MACHINE_SECRETS_KEY.
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { newId } from "../../db/ids";
import { decryptSecret, encryptSecret, generateMachineSecret } from "~/server/fleet";
import { createBenchFleet } from "./bench-fleet";

export interface IngestMachine {
  id: string;
  /** The machine's Standard Webhooks secret (whsec_...), as shown once at registration. */
  secret: string;
}

export interface IngestFleet {
  orgId: string;
  tag: string;
  currency: string;
  machines: IngestMachine[];
  slotCodes: string[];
  capacity: number;
}

/** Slot capacity of the bench fleet's planograms (bench-fleet.ts). */
const CAPACITY = 10;

/**
 * Creates the fleet, or reuses the one an earlier run left (with the events stored since), and
 * fills every slot. Machine secrets stored under `key` are reused; otherwise (first run, another
 * key) each machine is issued a new one.
 */
export async function prepareIngestFleet(db: Db, options: { machines: number; slots: number; key: Buffer }): Promise<IngestFleet> {
  const tag = `ingest_${options.machines}x${options.slots}`;
  const orgId = `org_${tag}`;
  const [existing] = await queryRows<{ machines: number; slots: number; currency: string }>(
    db,
    sql`select (select count(*)::int from machines where org_id = o.id) as machines, (select count(*)::int from slots where org_id = o.id) as slots, o.currency
      from organizations o where o.id = ${orgId}`,
  );
  let currency = existing?.currency ?? "";
  if (!existing || existing.machines !== options.machines || existing.slots !== options.machines * options.slots) {
    if (existing) await db.execute(sql`delete from organizations where id = ${orgId}`);
    const fleet = await createBenchFleet(db, tag, {
      machines: options.machines,
      slotsPerMachine: options.slots,
      locations: Math.max(1, Math.ceil(options.machines / 4)),
    });
    currency = fleet.currency;
  }
  await db.execute(sql`update slots set stock = capacity where org_id = ${orgId}`);
  const ids = Array.from({ length: options.machines }, (_, i) => `mch_${tag}_${i + 1}`);
  return {
    orgId,
    tag,
    currency,
    machines: await machineSecrets(db, orgId, ids, options.key),
    slotCodes: Array.from({ length: options.slots }, (_, i) => `S${i + 1}`),
    capacity: CAPACITY,
  };
}

async function machineSecrets(db: Db, orgId: string, ids: string[], key: Buffer): Promise<IngestMachine[]> {
  const rows = await queryRows<{ machine_id: string; ciphertext: string }>(
    db,
    sql`select machine_id, ciphertext from machine_secrets where org_id = ${orgId} and expires_at is null`,
  );
  const stored = new Map<string, string>();
  try {
    for (const r of rows) stored.set(r.machine_id, decryptSecret(key, r.ciphertext));
  } catch {
    stored.clear(); // encrypted under another key: issue new ones
  }
  if (ids.every((id) => stored.has(id))) return ids.map((id) => ({ id, secret: stored.get(id)! }));

  const machines = ids.map((id) => ({ id, secret: generateMachineSecret() }));
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from machine_secrets where org_id = ${orgId}`);
    for (let i = 0; i < machines.length; i += 1000) {
      const rows = machines.slice(i, i + 1000).map((m) => sql`(${newId("msk")}, ${orgId}, ${m.id}, ${encryptSecret(key, m.secret)})`);
      await tx.execute(sql`insert into machine_secrets (id, org_id, machine_id, ciphertext) values ${sql.join(rows, sql`, `)}`);
    }
    // Servers that cache credentials read them again when a machine's credentials version moves.
    const [versioned] = await queryRows(tx, sql`select 1 from information_schema.columns where table_name = 'machines' and column_name = 'credentials_version'`);
    if (versioned) await tx.execute(sql`update machines set credentials_version = credentials_version + 1 where org_id = ${orgId}`);
  });
  return machines;
}
