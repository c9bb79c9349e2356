// Command-line options of `npm run sim`.

import path from "node:path";
import { parseArgs } from "node:util";
import { credentialsPath } from "./credentials";

export const usage = `Usage: npm run sim -- [options]

Runs simulated vending machines against a running VendOps over HTTP (machine protocol v1), with
the reference client: signed batches, buffering, retries with backoff.

  --url <url>            VendOps base URL (default http://localhost:3000)
  --machines <n>         how many demo machines to run (default 5)
  --speed <x>            simulated minutes per real second (default: real time, 1/60);
                         e.g. --speed 60 runs an hour per second, a day in 24 s
  --duration <d>         stop after this much real time: 90s, 10m, 2h (default: until Ctrl-C)
  --seed <text>          traffic seed; the same seed gives the same traffic (default vendops-sim)
  --data-dir <dir>       where demo-machines.json is (default ./.data, or DATA_DIR)
  --credentials <file>   the machines file to use instead (same format as demo-machines.json)
  --start <time>         simulated start, RFC 3339 (default: see below)
  --tick <ms>            real milliseconds between steps (default 1000)
  --include-live         also drive the machines the running demo keeps live (default: avoid them)
  --help                 show this

Faster than real time, the simulated clock starts in the past so that it reaches the present as
the run ends (without --duration: 24 hours ago, then it keeps pace): events are never dated in the
future, they arrive late, as from machines flushing a backlog.`;

export interface FleetOptions {
  url: string;
  machines: number;
  /** Simulated milliseconds per real millisecond. */
  factor: number;
  durationMs: number | null;
  seed: string;
  credentials: string;
  start: number | null;
  tickMs: number;
  includeLive: boolean;
}

/** `90`, `90s`, `10m`, `2h`, `1d` as milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`cannot read the duration "${text}"; use e.g. 90s, 10m or 2h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? "s") as "s"];
  return Number(m[1]) * unit;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not "${text}"`);
  return n;
}

/** Parses argv; returns null when help was asked for. Throws with a message on bad input. */
export function parseFleetOptions(argv: string[], env: { DATA_DIR?: string } = {}): FleetOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      machines: { type: "string", default: "5" },
      speed: { type: "string" },
      duration: { type: "string" },
      seed: { type: "string", default: "vendops-sim" },
      "data-dir": { type: "string" },
      credentials: { type: "string" },
      start: { type: "string" },
      tick: { type: "string", default: "1000" },
      "include-live": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const start = values.start ? Date.parse(values.start) : null;
  if (start !== null && Number.isNaN(start)) throw new Error(`--start must be an RFC 3339 time, not "${values.start}"`);
  const dataDir = values["data-dir"] ?? env.DATA_DIR ?? "./.data";
  return {
    url: new URL(values.url).toString().replace(/\/+$/, ""),
    machines: Math.floor(positive("machines", values.machines)),
    factor: values.speed === undefined || values.speed === "realtime" ? 1 : positive("speed", values.speed) * 60,
    durationMs: values.duration ? parseDuration(values.duration) : null,
    seed: values.seed,
    credentials: values.credentials ? path.resolve(values.credentials) : credentialsPath(dataDir),
    start,
    tickMs: Math.max(50, Math.floor(positive("tick", values.tick))),
    includeLive: values["include-live"],
  };
}

/**
 * The simulated clock: `factor` times real time from `start`, never past the present. By default
 * a fast run starts in the past, so it reaches now as it ends.
 */
export function simulatedClock(options: Pick<FleetOptions, "factor" | "durationMs" | "start">, realStart: number) {
  const lead = options.factor <= 1 ? 0 : options.durationMs !== null ? options.durationMs * (options.factor - 1) : 86_400_000;
  const start = options.start ?? realStart - lead;
  return (realNow: number) => Math.min(realNow, start + (realNow - realStart) * options.factor);
}
