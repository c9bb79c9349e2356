// The machine events endpoint (POST /api/v1/machines/{id}/events) of the production server, over
// HTTP with signed requests, against raw node-postgres baselines in the same run:
//   a. single-event requests, 32 concurrent clients over the fleet (closed loop): events/s
//   b. latency p50/p95/p99 at half of a's rate, open loop, from each request's scheduled start
//   c. 500-event batches from 8 concurrent senders: events/s
//   d. CPU per event of the server (its whole process tree), of Postgres and of this process
//   e. round trips to Postgres per request and per 500-event batch (the handler in-process)
//   f. with --stored N: a to c again with N events stored over 13 months, against the empty run
// Usage: npm run bench bench/ingest.ts -- [--db postgres|pglite] [--machines 1000] [--slots 20]
//          [--seconds 20] [--stored 0] [--url http://host:port [--server-pid PID]]
// Needs a production build (npm run build). On Postgres (BENCH_DATABASE_URL's server) the run uses
// the database vendops_bench_ingest, made afresh each run, and for --stored
// vendops_bench_ingest_stored_<machines>x<slots>, kept and topped up. With --db pglite the server
// runs on a temporary data directory (phases a and c, no baseline). With --url the bench sends to
// a server already running on vendops_bench_ingest with this environment's MACHINE_SECRETS_KEY.
// Results also go to bench/results/ingest-<date>.json.
import { machineSecretsKey, machineSecretsKeyGiven, serverSecrets } from "./lib/ingest-secrets";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, type Db } from "../db/client";
import { migrate } from "../db/migrate";
import { ensureEventPartitions } from "~/server/ingest";
import { handleEventsRequest } from "~/server/machine-api";
import { startAppServer } from "./lib/app-server";
import { dropBenchDatabase, openBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { RawIngest } from "./lib/ingest-baseline";
import { prepareIngestFleet, type IngestFleet } from "./lib/ingest-fleet";
import { closedLoop, HttpClient, openLoop, percentile, type LoadResult, type Outcome } from "./lib/load";
import { backlogMix, FleetTraffic, liveMix, type ProtocolEvent, type SignedRequest, type TrafficMachine } from "./lib/machine-traffic";
import { cpuBetween, readCpu, type CpuUse } from "./lib/process-cpu";
import { countStatements } from "./lib/round-trips";
import { fillStoredEvents, tableSizes, type TableSize } from "./lib/stored-events";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    machines: { type: "string", default: "1000" },
    slots: { type: "string", default: "20" },
    seconds: { type: "string", default: "20" },
    stored: { type: "string", default: "0" },
    url: { type: "string" },
    "server-pid": { type: "string" },
  },
});
const options = {
  db: values.db as "postgres" | "pglite",
  machines: Number(values.machines),
  slots: Number(values.slots),
  seconds: Number(values.seconds),
  stored: Number(values.stored),
  url: values.url ?? null,
  serverPid: values["server-pid"] ? Number(values["server-pid"]) : null,
};
const CLIENTS = 32;
const SENDERS = 8;
const BATCH = 500;
const GOALS = { singleEventsPerSecond: 250, batchEventsPerSecond: 10_000, roundTripsPerBatch: 4 };
const EMPTY_DATABASE = "vendops_bench_ingest";
const STORED_DATABASE = "vendops_bench_ingest_stored";
const warmupSeconds = Math.min(5, Math.max(2, options.seconds / 4));

function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}
if (options.db !== "postgres" && options.db !== "pglite") refuse("--db is postgres or pglite");
for (const name of ["machines", "slots", "seconds", "stored"] as const) {
  if (!Number.isInteger(options[name]) || options[name] < (name === "stored" ? 0 : 1)) refuse(`--${name} must be a whole number`);
}
if (options.db === "pglite" && (options.stored > 0 || options.url)) refuse("--stored and --url are for --db postgres");
if (options.url && options.stored > 0) refuse("--stored restarts the server on another database: leave out --url");
if (options.url && !machineSecretsKeyGiven) refuse("With --url, set MACHINE_SECRETS_KEY to the server's, so the machines' secrets are stored as it reads them.");

// ---------------------------------------------------------------------------------------------
// Figures

interface CpuPerEvent {
  /** ms of CPU per event; null where not measured. */
  server: number | null;
  postgres: number | null;
  client: number;
}

interface PhaseFigures {
  phase: "a" | "b" | "c";
  side: "ours" | "baseline";
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  failures: Record<string, number>;
  /** Open loop (b): the rate sent and latency from each request's scheduled start, ms. */
  latency?: { requestsPerSecond: number; p50: number; p95: number; p99: number; max: number };
  cpuPerEvent: CpuPerEvent;
  cpuMs: CpuUse;
}

interface Round {
  label: string;
  phases: PhaseFigures[];
}

const find = (round: Round | undefined, phase: PhaseFigures["phase"], side: PhaseFigures["side"]) => round?.phases.find((p) => p.phase === phase && p.side === side);

function figures(phase: PhaseFigures["phase"], side: PhaseFigures["side"], result: LoadResult, cpu: CpuUse): PhaseFigures {
  const per = (ms: number | null) => (ms === null || result.events === 0 ? null : ms / result.events);
  return {
    phase,
    side,
    requests: result.requests,
    events: result.events,
    seconds: result.seconds,
    eventsPerSecond: result.events / result.seconds,
    failures: result.failures,
    cpuPerEvent: { server: per(cpu.server), postgres: per(cpu.postgres), client: per(cpu.client) ?? 0 },
    cpuMs: cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// Where the events go

interface Target {
  url: string;
  /** The server's root process, for its CPU; null if unknown (--url without --server-pid). */
  pid: number | null;
  stop(): Promise<void>;
}

async function startServer(database: { url: string } | { dataDir: string }): Promise<Target> {
  const databaseEnv =
    "url" in database
      ? { DATABASE_URL: database.url, DATABASE_DRIVER: "pg", DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "vendops-bench-data-")) }
      : // Empty, not unset: a .env file must not point the embedded server at a database server.
        { DATABASE_URL: "", DATABASE_DRIVER: "", DATA_DIR: database.dataDir };
  const server = await startAppServer({
    ...serverSecrets,
    ...databaseEnv,
    AUTH_TRUST_HOST: "true",
    // Scheduled jobs and the demo's live machines are not ingest: kept out of the figures.
    SCHEDULER: "off",
    DEMO_LIVE_MACHINES: "0",
  });
  return {
    url: server.url,
    pid: server.pid,
    stop: async () => {
      await server.stop();
      if ("url" in database) rmSync(databaseEnv.DATA_DIR, { recursive: true, force: true });
    },
  };
}

/** What each response says: the events accepted, or why the request did not store them all. */
async function send(http: HttpClient, request: SignedRequest): Promise<Outcome> {
  const res = await http.post(request.path, request.headers, request.body);
  if (res.status !== 200) {
    let code = "";
    try {
      code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code ?? "";
    } catch {
      // not JSON
    }
    return { failure: `HTTP ${res.status} ${code}`.trim() };
  }
  const { results } = JSON.parse(res.body) as { results: { status: string; error?: { code: string } }[] };
  const refused = results.find((r) => r.status !== "accepted");
  if (refused) return { failure: `${refused.status} ${refused.error?.code ?? ""}`.trim() };
  return { events: results.length };
}

/** Worker w of `workers` takes machines w, w + workers, w + 2 * workers, ... in turn. */
function machineCycle(machines: TrafficMachine[], workers: number): (worker: number) => TrafficMachine {
  const next = Array.from({ length: workers }, (_, w) => w);
  return (worker) => {
    const m = machines[next[worker]! % machines.length]!;
    next[worker]! += workers;
    return m;
  };
}

// ---------------------------------------------------------------------------------------------
// Phases a to c, ours and the baseline

interface RoundSetup {
  label: string;
  target: Target;
  traffic: FleetTraffic;
  raw: RawIngest | null;
}

async function runRound({ label, target, traffic, raw }: RoundSetup): Promise<Round> {
  const round: Round = { label, phases: [] };
  const http = new HttpClient(target.url, 512);
  const cpuOptions = { serverPid: target.pid, postgres: options.db === "postgres" };
  /** Runs one measured phase, with the CPU it cost; `openLoopRate` for a latency phase. */
  const measure = async (phase: PhaseFigures["phase"], side: PhaseFigures["side"], run: () => Promise<LoadResult>, openLoopRate?: number) => {
    const before = readCpu(cpuOptions);
    const result = await run();
    const f = figures(phase, side, result, cpuBetween(before, readCpu(cpuOptions)));
    if (openLoopRate !== undefined) {
      const at = (p: number) => percentile(result.latencies, p);
      f.latency = { requestsPerSecond: openLoopRate, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
    }
    round.phases.push(f);
    console.log(`  ${label} ${phase}. ${side.padEnd(8)} ${describePhase(f)}`);
    return f;
  };
  /** A warm-up (not measured), then the measured closed loop. */
  const closed = async (phase: PhaseFigures["phase"], side: PhaseFigures["side"], workers: number, work: (m: TrafficMachine) => Promise<Outcome>) => {
    const loop = (seconds: number) => {
      const pick = machineCycle(traffic.machines, workers);
      return closedLoop(workers, seconds, (w) => work(pick(w)));
    };
    await loop(warmupSeconds);
    return measure(phase, side, () => loop(options.seconds));
  };
  const machineOf = (i: number) => traffic.machines[i % traffic.machines.length]!;

  const oursSingle = (m: TrafficMachine) => send(http, traffic.sign(m, [traffic.nextEvent(m, liveMix, new Date())]));
  const oursBatch = (m: TrafficMachine) => send(http, traffic.sign(m, traffic.nextEvents(m, backlogMix, BATCH)));
  const rawSingle = async (m: TrafficMachine): Promise<Outcome> => {
    await raw!.writeEvent(m.id, traffic.nextEvent(m, liveMix, new Date()));
    return { events: 1 };
  };
  const rawBatch = async (m: TrafficMachine): Promise<Outcome> => {
    const events = traffic.nextEvents(m, backlogMix, BATCH);
    await raw!.writeBatch(m.id, events);
    return { events: events.length };
  };

  // a. Single-event requests, closed loop: the maximum rate.
  const oursA = await closed("a", "ours", CLIENTS, oursSingle);
  const baseA = raw ? await closed("a", "baseline", CLIENTS, rawSingle) : null;

  // b. Latency at half the maximum rate, open loop (with a baseline only: PGlite's figures are a and c).
  if (baseA) {
    const oursRate = oursA.eventsPerSecond / 2;
    await measure("b", "ours", () => openLoop(oursRate, options.seconds, (i) => oursSingle(machineOf(i))), oursRate);
    const baseRate = baseA.eventsPerSecond / 2;
    await measure("b", "baseline", () => openLoop(baseRate, options.seconds, (i) => rawSingle(machineOf(i))), baseRate);
  }

  // c. 500-event batches from 8 senders, closed loop.
  await closed("c", "ours", SENDERS, oursBatch);
  if (raw) await closed("c", "baseline", SENDERS, rawBatch);
  http.close();
  return round;
}

// ---------------------------------------------------------------------------------------------
// e. Round trips: the product's handler in this process, on a pool whose statements are counted

/** Round trips per request (ours) or per transaction (the baseline), by what was sent. */
type RoundTrips = { ours: Record<string, number>; baseline: Record<string, number> };

async function countRoundTrips(url: string, fleet: IngestFleet): Promise<RoundTrips> {
  const traffic = new FleetTraffic(fleet);
  const handle = await createDb({ url, driver: "pg", maxConnections: 1 });
  const log = countStatements(handle);
  const raw = await RawIngest.open(url, fleet, 1);
  const machine = traffic.machines[0]!;
  const ours = async (events: ProtocolEvent[]) => {
    const r = traffic.sign(machine, events);
    const request = new Request(`http://localhost${r.path}`, { method: "POST", headers: r.headers, body: r.body });
    log.reset();
    const res = await handleEventsRequest(handle.db, machine.id, request);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`round trips: the handler answered ${res.status}: ${text}`);
    return log.count;
  };
  const baseline = async (events: ProtocolEvent[]) => {
    if (events.length === 1) await raw.writeEvent(machine.id, events[0]!);
    else await raw.writeBatch(machine.id, events);
    return raw.lastRoundTrips;
  };
  const vends = () => {
    const at = Date.now();
    return Array.from({ length: BATCH }, (_, i) => traffic.event(machine, "vend.succeeded", new Date(at - (BATCH - i) * 100)));
  };
  try {
    // The first request of a process may fill caches: not counted.
    await ours([traffic.event(machine, "machine.heartbeat", new Date())]);
    const trips: RoundTrips = { ours: {}, baseline: {} };
    for (const [side, count] of [["ours", ours], ["baseline", baseline]] as const) {
      for (const type of ["vend.succeeded", "machine.heartbeat", "inventory.restocked", "machine.fault", "machine.fault_cleared"] as const) {
        trips[side][type] = await count([traffic.event(machine, type, new Date())]);
      }
      trips[side].batch = await count(traffic.nextEvents(machine, backlogMix, BATCH));
      trips[side].vends = await count(vends());
    }
    return trips;
  } finally {
    await raw.close();
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const int = (n: number) => Math.round(n).toLocaleString("en");
const ms = (n: number | null) => (n === null ? "n/a" : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

function cpuTotal(f: PhaseFigures): number | null {
  // Ours: the server's CPU and Postgres's. The baseline has no server: it is this process (with the
  // event generation that the load generator does for ours), and Postgres.
  const app = f.side === "ours" ? f.cpuPerEvent.server : f.cpuPerEvent.client;
  if (app === null) return null;
  return app + (f.cpuPerEvent.postgres ?? 0);
}

function describeCpu(f: PhaseFigures): string {
  const c = f.cpuPerEvent;
  if (f.side === "baseline") return `app (this process) ${ms(c.client)} + Postgres ${ms(c.postgres)} ms`;
  const db = options.db === "pglite" ? " (database inside)" : ` + Postgres ${ms(c.postgres)}`;
  // The load generator's own use, to show it is not what limits the rate.
  const cores = f.cpuMs.client / (f.seconds * 1000);
  return `server ${ms(c.server)}${db} ms (load generator ${ms(c.client)} ms, ${cores.toFixed(2)} of a core)`;
}

function describePhase(f: PhaseFigures): string {
  const failures = Object.entries(f.failures).map(([why, n]) => `${n} x ${why}`);
  const rate = f.latency
    ? `${int(f.latency.requestsPerSecond)}/s sent: p50 ${ms(f.latency.p50)}, p95 ${ms(f.latency.p95)}, p99 ${ms(f.latency.p99)} ms`
    : `${int(f.eventsPerSecond)} events/s`;
  return `${rate}; CPU/event ${describeCpu(f)}; load ${f.cpuMs.loadStart.toFixed(2)} -> ${f.cpuMs.loadEnd.toFixed(2)}${failures.length ? `; FAILED: ${failures.join(", ")}` : ""}`;
}

function printTable(empty: Round, trips: RoundTrips | null, stored: { round: Round; sizes: TableSize[] } | null) {
  const rows: string[][] = [];
  const a = [find(empty, "a", "ours"), find(empty, "a", "baseline")] as const;
  const b = [find(empty, "b", "ours"), find(empty, "b", "baseline")] as const;
  const c = [find(empty, "c", "ours"), find(empty, "c", "baseline")] as const;
  const fleet = `${int(options.machines)} machines x ${options.slots} slots`;
  rows.push([
    `a. single-event requests, ${CLIENTS} clients over ${fleet}`,
    `${int(a[0]!.eventsPerSecond)} events/s`,
    a[1] ? `raw pg, one transaction per event: ${int(a[1].eventsPerSecond)} events/s` : "",
    a[1] ? ratio(a[0]!.eventsPerSecond, a[1].eventsPerSecond) : "",
    `>= ${GOALS.singleEventsPerSecond}/s`,
  ]);
  if (b[0] && b[1]) {
    const lat = (f: PhaseFigures) => `at ${int(f.latency!.requestsPerSecond)}/s: p50 ${ms(f.latency!.p50)}, p95 ${ms(f.latency!.p95)}, p99 ${ms(f.latency!.p99)} ms`;
    rows.push([`b. latency at half the maximum rate, open loop`, lat(b[0]), lat(b[1]), `${ratio(b[0].latency!.p99, b[1].latency!.p99)} at p99`, ""]);
  }
  rows.push([
    `c. ${BATCH}-event batches, ${SENDERS} senders`,
    `${int(c[0]!.eventsPerSecond)} events/s`,
    c[1] ? `COPY + one statement per update, one transaction per batch: ${int(c[1].eventsPerSecond)} events/s` : "",
    c[1] ? ratio(c[0]!.eventsPerSecond, c[1].eventsPerSecond) : "",
    `>= ${int(GOALS.batchEventsPerSecond)}/s`,
  ]);
  for (const [label, pair] of [["single events", a], ["batched events", c]] as const) {
    const [ours, base] = pair;
    const oursTotal = cpuTotal(ours!);
    const baseTotal = base ? cpuTotal(base) : null;
    rows.push([
      `d. CPU per event, ${label}`,
      describeCpu(ours!),
      base ? describeCpu(base) : "",
      oursTotal !== null && baseTotal ? ratio(oursTotal, baseTotal) : "",
      "",
    ]);
  }
  if (trips) {
    const types = Object.keys(trips.ours).filter((k) => k.includes("."));
    const list = (side: keyof RoundTrips) => types.map((t) => trips[side][t]).join(" / ");
    rows.push([`e. round trips per single-event request (${types.join(" / ")})`, list("ours"), list("baseline"), "", ""]);
    rows.push([
      `e. round trips per ${BATCH}-event batch (as in c / vends only)`,
      `${trips.ours.batch} / ${trips.ours.vends}`,
      `${trips.baseline.batch} / ${trips.baseline.vends}`,
      "",
      `<= ${GOALS.roundTripsPerBatch}`,
    ]);
  }
  if (stored) {
    const events = stored.sizes.find((s) => s.table === "machine_events");
    for (const phase of ["a", "b", "c"] as const) {
      const ours = find(stored.round, phase, "ours");
      const base = find(stored.round, phase, "baseline");
      const before = find(empty, phase, "ours");
      const baseBefore = find(empty, phase, "baseline");
      if (!ours || !before) continue;
      const show = (f: PhaseFigures, was: PhaseFigures | undefined) =>
        f.latency
          ? `p50 ${ms(f.latency.p50)}, p95 ${ms(f.latency.p95)}, p99 ${ms(f.latency.p99)} ms`
          : `${int(f.eventsPerSecond)} events/s (${was ? (f.eventsPerSecond / was.eventsPerSecond).toFixed(2) : "?"} of the empty rate)`;
      rows.push([
        `f. ${phase} with ${int(events?.rows ?? options.stored)} events stored`,
        show(ours, before),
        base ? show(base, baseBefore) : "",
        base && !ours.latency ? ratio(ours.eventsPerSecond, base.eventsPerSecond) : "",
        "",
      ]);
    }
  }
  console.log("\n| figure | ours | baseline | ratio | goal |\n| --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);

  console.log("\nLoad (1-minute average, start -> end of each phase):");
  for (const round of [empty, stored?.round].filter((r): r is Round => Boolean(r))) {
    console.log(`  ${round.label}: ${round.phases.map((p) => `${p.phase} ${p.side} ${p.cpuMs.loadStart.toFixed(2)} -> ${p.cpuMs.loadEnd.toFixed(2)}`).join(", ")}`);
  }
  const failed = [empty, stored?.round].flatMap((r) => r?.phases ?? []).filter((p) => Object.keys(p.failures).length > 0);
  for (const p of failed) console.log(`  ! ${p.phase} ${p.side}: failed requests ${JSON.stringify(p.failures)} (not counted as events)`);
  if (failed.some((p) => Object.keys(p.failures).some((why) => why.includes("429")))) {
    console.log("  ! 429: machines hit the per-machine rate limit; run with more --machines to spread the load.");
  }
}

function printSizes(sizes: TableSize[]) {
  const mb = (bytes: number) => `${int(bytes / 1024 / 1024)} MB`;
  for (const s of sizes) {
    const parts = s.partitions > 1 ? `, ${s.partitions} partitions` : "";
    console.log(`  ${s.table}: ~${int(s.rows)} rows, table ${mb(s.tableBytes)}, indexes ${mb(s.indexBytes)}${parts}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The run

console.log(
  `Ingest benchmark: ${options.db}, ${int(options.machines)} machines x ${options.slots} slots, ${options.seconds} s per phase (after ${warmupSeconds} s of warm-up), ` +
    `${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
);
const started = new Date();
const cleanup: (() => Promise<void>)[] = [];
let empty: Round;
let trips: RoundTrips | null = null;
let stored: { round: Round; sizes: TableSize[] } | null = null;
try {
  if (options.db === "pglite") {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "vendops-bench-pglite-"));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    // PGlite takes one process: the fleet is made here, then the server opens the directory.
    const setup = await createDb({ dataDir });
    await migrate(setup);
    const fleet = await prepareIngestFleet(setup.db, { machines: options.machines, slots: options.slots, key: machineSecretsKey });
    await setup.close();
    const target = await startServer({ dataDir });
    cleanup.unshift(() => target.stop());
    empty = await runRound({ label: "PGlite", target, traffic: new FleetTraffic(fleet), raw: null });
  } else {
    // Empty tables: the database is made afresh, unless a running server (--url) is using it.
    if (!options.url) await dropBenchDatabase(EMPTY_DATABASE);
    const database = await openBenchDatabase({ name: EMPTY_DATABASE });
    cleanup.push(() => database.close());
    const fleet = await prepareIngestFleet(database.db, { machines: options.machines, slots: options.slots, key: machineSecretsKey });
    const target: Target = options.url ? { url: options.url, pid: options.serverPid, stop: async () => {} } : await startServer({ url: database.url });
    cleanup.unshift(() => target.stop());
    if (options.url) console.log(`Sending to ${options.url} (its DATABASE_URL must be ${database.url}).`);
    empty = await runRoundOn(options.url ? "tables as found" : "empty tables", database, fleet, target);
    await target.stop();
    trips = await countRoundTrips(database.url, fleet);

    if (options.stored > 0) {
      const kept = await openBenchDatabase({ name: `${STORED_DATABASE}_${options.machines}x${options.slots}` });
      cleanup.push(() => kept.close());
      const keptFleet = await prepareIngestFleet(kept.db, { machines: options.machines, slots: options.slots, key: machineSecretsKey });
      const keptTarget = await startServer({ url: kept.url });
      cleanup.unshift(() => keptTarget.stop());
      // The monthly partitions the history falls into are made first, as the product's partition
      // job would have made them month by month, so the rows go straight into them.
      await fillStoredEvents(kept.db, keptFleet, options.stored, { beforeFirstChunk: (since) => makePartitions(kept.db, since) });
      const sizes = await tableSizes(kept.db, ["machine_events", "sales", "machine_report_hours"]);
      console.log("Stored:");
      printSizes(sizes);
      stored = { round: await runRoundOn(`${int(options.stored)} stored`, kept, keptFleet, keptTarget), sizes };
      await keptTarget.stop();
    }
  }
} finally {
  for (const step of cleanup) await step().catch((error: unknown) => console.error(error));
}

/** Makes the monthly partitions of machine_events from `since` on, with the product's own partition code. */
async function makePartitions(db: Db, since: Date): Promise<void> {
  const made = await ensureEventPartitions(db, { now: new Date(), since });
  if (made.created.length > 0) console.log(`Made ${made.created.length} monthly partitions of machine_events (${made.created[0]} to ${made.created.at(-1)}).`);
}

async function runRoundOn(label: string, database: BenchDatabase, fleet: IngestFleet, target: Target): Promise<Round> {
  const raw = await RawIngest.open(database.url, fleet, CLIENTS);
  try {
    return await runRound({ label, target, traffic: new FleetTraffic(fleet), raw });
  } finally {
    await raw.close();
  }
}

printTable(empty!, trips, stored);

const results = {
  benchmark: "ingest",
  startedAt: started.toISOString(),
  options: { ...options, clients: CLIENTS, senders: SENDERS, batch: BATCH, warmupSeconds },
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? null, node: process.version, loadAtEnd: os.loadavg() },
  goals: GOALS,
  empty: empty!,
  roundTrips: trips,
  stored,
};
const dir = path.join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `ingest-${started.toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nFigures written to ${path.relative(process.cwd(), file)}`);
