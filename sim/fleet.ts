// `npm run sim`: N simulated machines against a running VendOps, over HTTP, with the reference client.

import { readCredentialsFile, type CredentialsFile, type MachineCredentialsEntry } from "./credentials";
import { parseFleetOptions, simulatedClock, usage, type FleetOptions } from "./fleet-options";
import type { DueAudit } from "./model";
import { SimulatedMachine } from "./runner";

interface Totals {
  generated: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  errors: number;
  buffered: number;
}

function totals(machines: SimulatedMachine[]): Totals {
  const t: Totals = { generated: 0, accepted: 0, duplicate: 0, rejected: 0, errors: 0, buffered: 0 };
  for (const m of machines) {
    t.generated += m.stats.generated;
    t.accepted += m.stats.accepted;
    t.duplicate += m.stats.duplicate;
    t.rejected += m.stats.rejected;
    t.errors += m.stats.errors;
    t.buffered += m.buffered;
  }
  return t;
}

const n = (x: number) => x.toLocaleString("en");

/** DEX audits: read at every restock, uploaded once the network lets them through; retried on the next ticks. */
const audits = { sent: 0, accepted: 0, duplicate: 0, failed: 0 };
const pendingAudits = new Map<SimulatedMachine, { audit: DueAudit; webhookId: string; retryAt: number }[]>();

async function uploadAudits(m: SimulatedMachine, simNow: number): Promise<void> {
  const pending = pendingAudits.get(m) ?? [];
  for (const audit of m.model.takeAudits()) pending.push({ audit, webhookId: `msg_${globalThis.crypto.randomUUID().replaceAll("-", "")}`, retryAt: 0 });
  pendingAudits.set(m, pending);
  while (pending[0] && pending[0].audit.deliverAt <= simNow && pending[0].retryAt <= Date.now()) {
    const next = pending[0];
    // One attempt per tick: a retry waits for a later tick rather than holding up the others.
    const result = await m.client.sendAudit(next.audit.body, { maxAttempts: 1, webhookId: next.webhookId });
    audits.sent++;
    if (result.ok) {
      audits[result.audit!.status === "duplicate" ? "duplicate" : "accepted"]++;
      pending.shift();
      continue;
    }
    m.stats.lastError = `audit ${result.status ?? "network"} ${result.error!.code}: ${result.error!.message}`;
    if (!result.error!.retryable) {
      audits.failed++;
      pending.shift();
      continue;
    }
    next.retryAt = result.retryAt ?? Date.now() + 5000;
    return;
  }
}

function progressLine(file: CredentialsFile, machines: SimulatedMachine[], simNow: number, elapsedMs: number, durationMs: number | null): string {
  const t = totals(machines);
  const zone = file.organization.timeZone;
  const when = new Date(simNow).toLocaleString("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" });
  const sent = t.accepted + t.duplicate + t.rejected;
  const clock = `${Math.round(elapsedMs / 1000)}s${durationMs ? `/${Math.round(durationMs / 1000)}s` : ""}`;
  return `[sim] ${when} ${zone} | ${machines.length} machines | sent ${n(sent)} (accepted ${n(t.accepted)}, duplicate ${n(t.duplicate)}, rejected ${n(t.rejected)}) | buffered ${n(t.buffered)} | errors ${n(t.errors)} | ${clock}`;
}

/** Machines to drive: those the running demo does not keep live first. */
function chooseMachines(file: CredentialsFile, options: FleetOptions): MachineCredentialsEntry[] {
  const pool = options.includeLive ? file.machines : [...file.machines.filter((m) => !m.live), ...file.machines.filter((m) => m.live)];
  if (options.machines > pool.length) console.warn(`[sim] only ${pool.length} machines in the file; running all of them.`);
  const chosen = pool.slice(0, options.machines);
  const live = chosen.filter((m) => m.live).length;
  if (live > 0 && !options.includeLive) console.warn(`[sim] ${live} of these machines are also driven by the running demo; their stock will disagree.`);
  return chosen;
}

async function main() {
  let options: FleetOptions | null;
  try {
    options = parseFleetOptions(process.argv.slice(2), { DATA_DIR: process.env.DATA_DIR });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
  if (!options) return console.log(usage);
  const opts = options;
  const file = readCredentialsFile(opts.credentials);
  const realStart = Date.now();
  const clock = simulatedClock(opts, realStart);
  const runTag = realStart.toString(36);
  const heartbeatMinutes = Math.max(1, (opts.factor * opts.tickMs) / 60_000);
  const machines = chooseMachines(file, opts).map((entry) => {
    const machine = new SimulatedMachine({
      entry,
      baseUrl: opts.url,
      model: { seed: `${opts.seed}:${entry.machineId}`, start: clock(realStart), idPrefix: `sim-${runTag}-`, heartbeatMinutes, stock: entry.stock },
    });
    machine.model.enableAudits({ serial: entry.serial, model: entry.model });
    return machine;
  });
  console.log(`[sim] ${machines.length} machines -> ${opts.url} at ${opts.factor === 1 ? "real time" : `${opts.factor / 60} simulated minutes per second`}, from ${new Date(clock(realStart)).toISOString()}`);

  let stopping = false;
  process.on("SIGINT", () => {
    if (stopping) process.exit(130);
    stopping = true;
  });
  const tty = process.stdout.isTTY;
  let lastPrint = 0;
  const print = (force = false) => {
    const now = Date.now();
    if (!force && now - lastPrint < (tty ? 200 : 10_000)) return;
    lastPrint = now;
    const line = progressLine(file, machines, clock(now), now - realStart, opts.durationMs);
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
    else console.log(line);
  };

  while (!stopping && (opts.durationMs === null || Date.now() - realStart < opts.durationMs)) {
    const tickStart = Date.now();
    const simNow = clock(tickStart);
    await Promise.all(machines.map((m) => m.tick(simNow).then(() => uploadAudits(m, simNow)).catch((error: unknown) => void (m.stats.lastError = String(error)))));
    print();
    await new Promise((r) => setTimeout(r, Math.max(0, opts.tickMs - (Date.now() - tickStart))));
  }

  // Deliver what is still buffered (not what waits for a machine that is offline), for up to 15 s.
  const drainUntil = Date.now() + 15_000;
  const auditsDue = () => machines.some((m) => pendingAudits.get(m)?.some((p) => p.audit.deliverAt <= clock(Date.now())));
  while ((machines.some((m) => m.client.buffered > 0 && !m.client.halted) || auditsDue()) && Date.now() < drainUntil) {
    await Promise.all(machines.map((m) => m.flush().then(() => uploadAudits(m, clock(Date.now())))));
    print();
    await new Promise((r) => setTimeout(r, 250));
  }
  print(true);
  if (tty) process.stdout.write("\n");
  summary(machines);
}

function summary(machines: SimulatedMachine[]) {
  const t = totals(machines);
  console.log(`[sim] done: ${n(t.generated)} events generated, ${n(t.accepted)} accepted, ${n(t.duplicate)} duplicate, ${n(t.rejected)} rejected, ${n(t.buffered)} still buffered, ${n(t.errors)} failed requests (retried)`);
  if (audits.sent > 0) console.log(`[sim] audits: ${n(audits.accepted)} accepted, ${n(audits.duplicate)} duplicate, ${n(audits.failed)} refused, ${n(audits.sent - audits.accepted - audits.duplicate - audits.failed)} failed uploads (retried)`);
  const codes: Record<string, number> = {};
  for (const m of machines) for (const [code, k] of Object.entries(m.stats.rejectionCodes)) codes[code] = (codes[code] ?? 0) + k;
  if (Object.keys(codes).length > 0) console.log(`[sim] rejections by code: ${Object.entries(codes).map(([c, k]) => `${c} ${k}`).join(", ")}`);
  const halted = machines.filter((m) => m.stats.halted);
  for (const m of halted) console.error(`[sim] ${m.name} stopped: ${m.stats.halted}`);
  for (const m of machines) if (!m.stats.halted && m.stats.lastError && m.buffered > 0) console.warn(`[sim] ${m.name}: last error ${m.stats.lastError}`);
  if (halted.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`[sim] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
