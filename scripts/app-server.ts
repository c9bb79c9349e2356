// The production server `npm start` runs: Next.js behind a plain Node HTTP server that appends the
// address of each request's socket to X-Forwarded-For before Next.js sees it. `next start` alone
// passes a client's own X-Forwarded-For through unchanged (it sets the header only when it is
// missing), so the app could not tell the socket's address from one the client made up; with this,
// the header's last entry is always the socket's (see server/web/client-address.ts). It also
// refuses request paths Next.js would fail on (see server/http/request-path.ts).
//
// With more than one process, this process is the primary: it forks that many workers (node:cluster),
// each running the same server on the shared port, tells each its number in VENDOPS_WORKER (1..N; the
// first runs the once-per-deployment work, see instrumentation.ts) and replaces one that dies.
// Usage: tsx scripts/app-server.ts <port> <keep-alive ms> [<processes>]
import cluster, { type Worker } from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.argv[2] ?? 3000);
const keepAliveTimeout = Number(process.argv[3] ?? 65_000);
const processes = Math.max(1, Math.floor(Number(process.argv[4] ?? 1)) || 1);

/** A worker that lived less than this before dying counts towards the restart backoff. */
const HEALTHY_UPTIME_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long a stopping process waits for open requests before it exits anyway. */
const STOP_GRACE_MS = 10_000;

const plural = (n: number) => `${n} process${n === 1 ? "" : "es"}`;

/** Serves the app in this process; `announce` says whether this process prints the listening line. */
async function serve(announce: boolean) {
  const [{ default: next }, { recordSocketAddress }, { refuseInvalidPaths }] = await Promise.all([
    import("next"),
    import("~/server/web/client-address"),
    import("../server/http/request-path"),
  ]);
  // No hostname, as `next start` without -H: request URLs then name the host as `next start` does.
  const app = next({ dev: false, dir: root, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Paths Next.js cannot decode (or that decode to a NUL) are refused with 400 before it sees them.
  const server = createServer(refuseInvalidPaths(recordSocketAddress((request, response) => void handle(request, response))));
  // Idle keep-alive connections outlive the load balancer's, so a client seldom sends a request on a
  // socket the server is just closing.
  server.keepAliveTimeout = keepAliveTimeout;
  // Above keepAliveTimeout, as Node requires for keep-alive to take effect.
  server.headersTimeout = keepAliveTimeout + 1_000;
  // Next.js logs uncaught exceptions and carries on: a port in use would leave a process serving nothing.
  server.on("error", (error) => {
    console.error(`VendOps cannot listen on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, () => {
    if (announce) console.log(`VendOps listening on port ${port} (${plural(1)})`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stop);
  // A worker whose primary is gone would hold the port's share forever with nobody to stop it.
  if (cluster.isWorker) process.on("disconnect", stop);
}

interface Slot {
  index: number;
  worker?: Worker;
  listening: boolean;
  startedAt: number;
  /** Deaths in a row, each soon after its start: the restart delay doubles with each. */
  failures: number;
  timer?: NodeJS.Timeout;
}

/** Forks `count` workers, replaces those that die (backing off when they die young), stops them on a signal. */
function runPrimary(count: number) {
  const slots: Slot[] = Array.from({ length: count }, (_, i) => ({ index: i + 1, listening: false, startedAt: 0, failures: 0 }));
  const slotOf = (worker: Worker) => slots.find((s) => s.worker === worker);
  let announced = false;
  let stopCode: number | undefined;

  const fork = (slot: Slot) => {
    slot.timer = undefined;
    slot.listening = false;
    slot.startedAt = Date.now();
    slot.worker = cluster.fork({ VENDOPS_WORKER: String(slot.index) });
  };

  const stop = (signal: NodeJS.Signals, code: number) => {
    if (stopCode !== undefined) return;
    stopCode = code;
    for (const slot of slots) clearTimeout(slot.timer);
    const alive = slots.flatMap((s) => (s.worker ? [s.worker] : []));
    if (alive.length === 0) process.exit(code);
    for (const worker of alive) worker.process.kill(signal);
    // Workers exit within their own grace period; one that hangs past it is killed.
    setTimeout(() => {
      for (const worker of alive) if (!worker.isDead()) worker.process.kill("SIGKILL");
      process.exit(code || 1);
    }, STOP_GRACE_MS + 5_000);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal, 0));

  cluster.on("listening", (worker) => {
    const slot = slotOf(worker);
    if (slot) slot.listening = true;
    if (announced || !slots.every((s) => s.listening)) return;
    announced = true;
    console.log(`VendOps listening on port ${port} (${plural(count)})`);
  });

  cluster.on("exit", (worker, code, signal) => {
    const slot = slotOf(worker);
    if (!slot) return;
    slot.worker = undefined;
    slot.listening = false;
    if (stopCode !== undefined) {
      if (slots.every((s) => !s.worker)) process.exit(stopCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!announced) {
      // The server never came up: a broken build or an unusable port, which a retry does not mend.
      console.error(`Server process ${slot.index} (pid ${worker.process.pid}) exited with ${how} while starting; stopping.`);
      stop("SIGTERM", 1);
      return;
    }
    slot.failures = Date.now() - slot.startedAt < HEALTHY_UPTIME_MS ? slot.failures + 1 : 0;
    const delay = slot.failures === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** (slot.failures - 1));
    console.error(`Server process ${slot.index} (pid ${worker.process.pid}) exited with ${how}; starting a new one${delay ? ` in ${delay / 1000} s` : ""}.`);
    slot.timer = setTimeout(() => fork(slot), delay);
  });

  for (const slot of slots) fork(slot);
}

if (processes > 1 && cluster.isPrimary) runPrimary(processes);
else await serve(cluster.isPrimary);
