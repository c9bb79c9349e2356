// A demo operator's fleet: places, catalog, machines, weeks or months of history through the real
// ingest, and a file with the machines' credentials (demo-machines.json for Demo Vending). Idempotent and resumable: machines that exist
// are kept, a machine's history is loaded in one transaction only if it has no events yet, and
// secrets lost with the file are reissued.
import "server-only";

import { existsSync } from "node:fs";
import type { Db } from "~/db/client";
import { credentialsPath, readCredentialsFile, writeCredentialsFile, type CredentialsFile, type MachineCredentialsEntry } from "~/sim/credentials";
import { createDemoFleet, existingMachines, reissueCredentials, type DemoOwner, type SeededMachine } from "./fleet-setup";
import { planFleet } from "./fleet-plan";
import { loadDemoHistory, type MachineHistory } from "./history";
import type { DemoOperator } from "./operator";

export interface DemoFleetOptions {
  /** Where the credentials file goes (the data directory). */
  dataDir: string;
  historyDays?: number;
  heartbeatMinutes?: number;
  /** Only the first N machines of the plan (tests). */
  machines?: number;
  /** How many of the busiest machines the running demo keeps live. */
  liveMachines?: number;
  log?: (line: string) => void;
}

export interface DemoFleetResult {
  /** Whether anything was created or loaded (false: the fleet was complete already). */
  changed: boolean;
  machines: number;
  /** History events generated and ingested in this run, and how many of them arrived late. */
  events: number;
  late: number;
  rejected: number;
  credentialsFile: string;
}

type Named = { serial: string; name: string }[];

/**
 * The demo's machine without telemetry (an older snack machine): only its DEX audits and the
 * technician's restocks reach VendOps, so its sales are inferred between reads.
 */
export function auditsOnlySerial(plan: Named, operator: DemoOperator): string | null {
  return plan.find((p) => p.name === operator.auditsOnlyMachine)?.serial ?? null;
}

/** The demo's machine whose telemetry misses one slot's vends: its audits show what telemetry missed. */
export function lossySerial(plan: Named, operator: DemoOperator): string | null {
  return plan.find((p) => p.name === operator.lossyMachine)?.serial ?? null;
}
export const DEMO_HISTORY_HEARTBEAT_MINUTES = 360;

export async function seedDemoFleet(db: Db, owner: DemoOwner, operator: DemoOperator, options: DemoFleetOptions): Promise<DemoFleetResult> {
  const log = options.log ?? (() => {});
  const plan = planFleet(operator).slice(0, options.machines ?? Infinity);
  const file = credentialsPath(options.dataDir, operator.credentialsFile);
  const saved = existsSync(file) ? safeRead(file, log) : null;
  let existing = await existingMachines(db, owner);
  let changed = false;
  let fleet: SeededMachine[];
  const serverStock = new Map<string, Record<string, number>>();

  if (existing.length === 0) {
    log(`Demo fleet: creating ${plan.length} machines with their places, products and planograms...`);
    fleet = await createDemoFleet(db, owner, plan, operator.products);
    existing = await existingMachines(db, owner);
    changed = true;
  } else {
    const planBySerial = new Map(plan.map((p) => [p.serial, p]));
    const secrets = new Map(saved?.machines.map((m) => [m.machineId, m.secret]));
    fleet = existing.flatMap((e) => {
      const p = planBySerial.get(e.serial);
      return p ? [{ machineId: e.machineId, secret: secrets.get(e.machineId) ?? "", plan: p }] : [];
    });
    const lost = fleet.filter((m) => !m.secret).map((m) => m.machineId);
    if (lost.length > 0) {
      log(`Demo fleet: ${file} lacks ${lost.length} machine secret(s); issuing new ones (the old ones verify for 24 hours).`);
      const reissued = await reissueCredentials(db, owner, lost);
      for (const [machineId, { secret, stock }] of reissued) {
        fleet.find((m) => m.machineId === machineId)!.secret = secret;
        serverStock.set(machineId, stock);
      }
      changed = true;
    }
  }

  const withEvents = new Set(existing.filter((e) => e.hasEvents).map((e) => e.machineId));
  const pending = fleet.filter((m) => !withEvents.has(m.machineId));
  let history: MachineHistory[] = [];
  if (pending.length > 0) {
    // The history ends when the fleet was set up, so a resumed seed generates the same events.
    const end = new Date(Math.floor(Math.min(...existing.map((e) => e.createdAt.getTime())) / 1000) * 1000);
    const days = options.historyDays ?? operator.historyDays;
    log(`Demo history: ${days} days for ${pending.length} machine(s) through the ingest...`);
    history = await loadDemoHistory(db, owner.orgId, pending, {
      days,
      end,
      heartbeatMinutes: options.heartbeatMinutes ?? DEMO_HISTORY_HEARTBEAT_MINUTES,
      auditsOnlySerial: auditsOnlySerial(plan, operator),
      lossySerial: lossySerial(plan, operator),
      log,
    });
    changed = true;
  }

  if (changed || !saved) {
    writeCredentialsFile(file, credentialsFile(operator, fleet, { history, saved, serverStock, liveCount: options.liveMachines ?? 5 }));
    log(`Demo fleet: machine credentials written to ${file}`);
  }
  const sum = (k: "events" | "late" | "rejected") => history.reduce((a, h) => a + h[k], 0);
  return { changed, machines: fleet.length, events: sum("events"), late: sum("late"), rejected: sum("rejected"), credentialsFile: file };
}

function safeRead(file: string, log: (line: string) => void): CredentialsFile | null {
  try {
    return readCredentialsFile(file);
  } catch (error) {
    log(`Demo fleet: ignoring ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

interface KnownState {
  history: MachineHistory[];
  saved: CredentialsFile | null;
  serverStock: Map<string, Record<string, number>>;
  liveCount: number;
}

function credentialsFile(operator: DemoOperator, fleet: SeededMachine[], { history, saved, serverStock, liveCount }: KnownState): CredentialsFile {
  const { name, slug, timeZone, currency } = operator.org;
  const loaded = new Map(history.map((h) => [h.machineId, h]));
  const before = new Map(saved?.machines.map((m) => [m.machineId, m]));
  // Neither runs live: one has no telemetry, the other's stock on the server differs from its own count.
  const silent = new Set([auditsOnlySerial(fleet.map((m) => m.plan), operator), lossySerial(fleet.map((m) => m.plan), operator)]);
  const busiest = new Set(
    [...fleet]
      .filter((m) => !silent.has(m.plan.serial))
      .sort((a, b) => b.plan.spec.dailyVends - a.plan.spec.dailyVends)
      .slice(0, liveCount)
      .map((m) => m.machineId),
  );
  const machines: MachineCredentialsEntry[] = fleet.map((m) => {
    const h = loaded.get(m.machineId);
    const prior = before.get(m.machineId);
    return {
      machineId: m.machineId,
      secret: m.secret,
      name: m.plan.name,
      serial: m.plan.serial,
      model: m.plan.model,
      location: { name: m.plan.location.name, kind: m.plan.location.kind },
      live: busiest.has(m.machineId),
      spec: m.plan.spec,
      stock: h?.stock ?? serverStock.get(m.machineId) ?? prior?.stock ?? Object.fromEntries(m.plan.slots.map((s) => [s.code, s.capacity])),
      historyEvents: h?.events ?? prior?.historyEvents ?? 0,
    };
  });
  return {
    version: 1,
    about:
      `${name}'s machines and their secrets (keep this file private). Each machine POSTs protocol v1 events to the endpoint, ` +
      "signed with Standard Webhooks using its secret (see docs/machine-protocol-v1.md). `npm run sim` and the live demo machines read this file.",
    organization: { name, slug, timeZone, currency },
    endpoint: "/api/v1/machines/{machineId}/events",
    generatedAt: new Date().toISOString(),
    machines,
  };
}
