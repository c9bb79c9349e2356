// Starts the production server as `npm start` serves it (scripts/app-server.ts on the `next build`
// output, NODE_ENV=production) on a free port, for benchmarks that measure it over HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface RunningServer {
  url: string;
  /** The server's root process; its workers, if any, are its descendants. */
  pid: number;
  stop(): Promise<void>;
}

/** True once `next build` has run. */
export function productionBuildExists(): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID"));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the server with `env` added to this process's environment and waits until /api/health
 * answers 200. Its output is kept and printed if it fails to start.
 */
export async function startAppServer(env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<RunningServer> {
  if (!productionBuildExists()) throw new Error("No production build (.next/BUILD_ID is missing): run `npm run build` first.");
  const port = await freePort();
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["--import", "./scripts/node/server-only.mjs", path.join("scripts", "app-server.ts"), String(port), "65000"], {
    cwd: root,
    // Its own process group, so stop() ends the server with every process it started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => void output.push(chunk.toString());
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  // Never leave the server running when the benchmark ends, however it ends.
  const killOnExit = () => signalGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    await stopGroup(child);
    process.off("exit", killOnExit);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.status === 200) {
        // Past start-up, what the server prints is the app's own logging: leave it out of the bench's output.
        child.stdout!.off("data", keep);
        child.stderr!.off("data", keep);
        child.stdout!.resume();
        child.stderr!.resume();
        return { url, pid: child.pid!, stop };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The server did not become healthy at ${url}:\n${output.join("").slice(-4000)}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  // Workers the server started, should any outlive it.
  signalGroup(child, "SIGKILL");
}
