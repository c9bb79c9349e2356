// While the demo runs, a few machines of each demo operator stay live: heartbeats every minute and
// vends at a realistic pace, sent over HTTP to this very server through the reference machine
// client. Started once per process from instrumentation.ts; it logs and backs off, never throws.
import "server-only";

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isEmbedded } from "~/db/open";
import { env } from "~/env";
import { CREDENTIALS_FILE, credentialsPath, readCredentialsFile, type MachineCredentialsEntry } from "~/sim/credentials";
import type { ModelState } from "~/sim/model";
import { SimulatedMachine } from "~/sim/runner";
import { shanghaiDemo } from "./shanghai-demo";

const HOUR = 3_600_000;
/** A saved model older than this is not replayed: the machine starts afresh from its saved stock. */
const MAX_CATCH_UP_MS = 6 * HOUR;

export interface DemoLiveOptions {
  baseUrl: string;
  dataDir: string;
  /** Live machines per demo operator. */
  count: number;
  /**
   * The demo operators' credentials files in the data directory: the first must exist, the others
   * count when they do (the Shanghai demo is seeded on request). Default: Demo Vending's only.
   */
  files?: string[];
  tickMs?: number;
  log?: (line: string) => void;
}

interface LiveMachine {
  sim: SimulatedMachine;
  entry: MachineCredentialsEntry;
  /** The credentials file it came from. */
  file: string;
  stateFile: string;
  haltedSince: number | null;
}

export class DemoLiveMachines {
  private machines: LiveMachine[] | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;
  private lastLog = new Map<string, number>();
  private readonly tickMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: DemoLiveOptions) {
    this.tickMs = options.tickMs ?? 5000;
    this.log = options.log ?? ((line) => console.log(line));
  }

  get running(): LiveMachine[] {
    return this.machines ?? [];
  }

  start(): this {
    this.schedule(this.tickMs);
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref?.();
  }

  /** One step for every live machine. Failures are logged (at most every 10 minutes per kind) and back off. */
  async tick(): Promise<void> {
    try {
      this.machines ??= this.load();
      const now = Date.now();
      await Promise.all(this.machines.map((m) => this.step(m, now)));
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.warn("tick", `[demo] live machines: ${error instanceof Error ? error.message : String(error)}; retrying`);
    } finally {
      this.schedule(this.failures === 0 ? this.tickMs : Math.min(5 * 60_000, this.tickMs * 2 ** this.failures));
    }
  }

  private async step(m: LiveMachine, now: number) {
    if (m.sim.client.halted) {
      m.haltedSince ??= now;
      this.warn(`halt:${m.entry.machineId}`, `[demo] live machine ${m.entry.name} stopped: ${m.sim.stats.halted}; trying again every 5 minutes`);
      if (now - m.haltedSince < 5 * 60_000) return;
      // The secret may have been reissued into the file, or the machine enabled again.
      const fresh = readCredentialsFile(m.file).machines.find((e) => e.machineId === m.entry.machineId);
      m.sim.client.resume(fresh?.secret);
      m.haltedSince = null;
    }
    await m.sim.tick(now);
    saveJson(m.stateFile, m.sim.model.state);
  }

  private load(): LiveMachine[] {
    const [first, ...others] = (this.options.files ?? [CREDENTIALS_FILE]).map((f) => credentialsPath(this.options.dataDir, f));
    const files = [first!, ...others.filter((f) => existsSync(f))];
    // The busiest machines of each operator, those the seed marked live first.
    const ranked = files.flatMap((file) =>
      readCredentialsFile(file)
        .machines.sort((a, b) => Number(b.live) - Number(a.live) || b.spec.dailyVends - a.spec.dailyVends)
        .slice(0, this.options.count)
        .map((entry) => ({ entry, file })),
    );
    const dir = path.resolve(this.options.dataDir, "demo-live");
    const now = Date.now();
    const tag = now.toString(36);
    const machines = ranked.map(({ entry, file }) => {
      const stateFile = path.join(dir, `${entry.machineId}.json`);
      const saved = readJson<ModelState>(stateFile);
      const resume = saved && saved.version === 1 && now - saved.clock < MAX_CATCH_UP_MS ? saved : undefined;
      const sim = new SimulatedMachine({
        entry,
        baseUrl: this.options.baseUrl,
        // Ids carry this start's tag, so they never repeat an earlier run's.
        model: { seed: `demo-live:${entry.machineId}:${tag}`, start: now, idPrefix: `live-${tag}-`, heartbeatMinutes: 1, stock: saved?.stock ?? entry.stock },
        state: resume,
        client: { bufferFile: path.join(dir, `${entry.machineId}.buffer.json`) },
      });
      return { sim, entry, file, stateFile, haltedSince: null };
    });
    this.log(`[demo] ${machines.length} live demo machine(s) sending to ${this.options.baseUrl}: ${machines.map((m) => m.entry.name).join(", ")}`);
    return machines;
  }

  private warn(key: string, line: string) {
    const now = Date.now();
    if (now - (this.lastLog.get(key) ?? 0) < 10 * 60_000) return;
    this.lastLog.set(key, now);
    this.log(line);
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function saveJson(file: string, value: unknown) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
  renameSync(tmp, file);
}

/** Whether this deployment runs the demo (embedded database, or DEMO_SEED=true) with live machines. */
export function demoLiveEnabled(): boolean {
  return env.DEMO_LIVE_MACHINES > 0 && (env.DEMO_SEED ? env.DEMO_SEED === "true" : isEmbedded());
}

const globalForLive = globalThis as unknown as { vendopsDemoLive?: DemoLiveMachines };

/**
 * Starts the live demo machines once per process (dev hot reloads keep the first), where the demo
 * seed wrote their credentials: `npm start` and `npm run dev` seed before the server starts; a
 * serverless deployment has no such file and runs none.
 */
export function startDemoLiveMachines(): DemoLiveMachines | null {
  if (globalForLive.vendopsDemoLive) return globalForLive.vendopsDemoLive;
  if (!demoLiveEnabled() || !existsSync(credentialsPath(env.DATA_DIR))) return null;
  globalForLive.vendopsDemoLive = new DemoLiveMachines({
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    dataDir: env.DATA_DIR,
    count: env.DEMO_LIVE_MACHINES,
    files: [CREDENTIALS_FILE, shanghaiDemo.credentialsFile],
  }).start();
  return globalForLive.vendopsDemoLive;
}
