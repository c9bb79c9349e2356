// Load generation for throughput and latency benchmarks: a closed loop (N workers, each sending its
// next request when the last one is answered: the maximum rate) and an open loop (requests started
// on a fixed schedule whatever the answers, latency counted from the scheduled start so queueing
// shows), plus a keep-alive HTTP client cheap enough not to be the bottleneck.
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** What one unit of work did: the events it got stored, or why it failed. */
export type Outcome = { events: number } | { failure: string };

export interface LoadResult {
  seconds: number;
  requests: number;
  events: number;
  /** Failed requests by reason (HTTP status, error code). */
  failures: Record<string, number>;
  /** Per request, ms (open loop: from the scheduled start). */
  latencies: number[];
}

function tally(result: LoadResult, outcome: Outcome, latency: number) {
  result.requests++;
  result.latencies.push(latency);
  if ("events" in outcome) result.events += outcome.events;
  else result.failures[outcome.failure] = (result.failures[outcome.failure] ?? 0) + 1;
}

async function attempt(work: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await work();
  } catch (error) {
    return { failure: (error as { code?: string }).code ?? (error as Error).message ?? "error" };
  }
}

/** `workers` loops sending back to back for `seconds`; worker i calls `work(i)`. */
export async function closedLoop(workers: number, seconds: number, work: (worker: number) => Promise<Outcome>): Promise<LoadResult> {
  const result: LoadResult = { seconds: 0, requests: 0, events: 0, failures: {}, latencies: [] };
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < end) {
        const t = performance.now();
        const outcome = await attempt(() => work(worker));
        tally(result, outcome, performance.now() - t);
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * Starts request i at `i / rate` seconds for `seconds`, without waiting for earlier ones, and
 * measures each from its scheduled start to its answer; then waits for the last answers.
 */
export async function openLoop(rate: number, seconds: number, work: (i: number) => Promise<Outcome>): Promise<LoadResult> {
  const result: LoadResult = { seconds, requests: 0, events: 0, failures: {}, latencies: [] };
  const total = Math.floor(rate * seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Start every request that is due (a late timer starts several at once, each still measured from its own slot).
    while (i < total && started + (i * 1000) / rate <= now) {
      const scheduled = started + (i * 1000) / rate;
      const index = i++;
      pending.push(attempt(() => work(index)).then((outcome) => tally(result, outcome, performance.now() - scheduled)));
    }
    if (i < total) await sleep(Math.max(0, started + (i * 1000) / rate - performance.now()));
  }
  await Promise.all(pending);
  return result;
}

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A keep-alive HTTP client over node:http with up to `connections` sockets. */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, connections: number) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  post(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method: "POST",
          path,
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}
