// CPU time of processes, read from /proc (Linux): a server's whole process tree (it may run worker
// processes), every Postgres process on the machine, and this process itself. Differences of two
// readings give the CPU a phase cost; divided by its events, the CPU per event.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /**
   * utime + stime + cutime + cstime in ms: its own CPU plus that of children it has reaped, so a
   * worker or backend that exits between two readings still counts (in its parent's figure).
   */
  cpuMs: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // exited, or not Linux
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ")".
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const fields = text.slice(close + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return { pid, ppid: Number(fields[1]), comm, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
}

function allProcesses(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).flatMap((e) => readStat(Number(e)) ?? []);
}

/** Whether CPU can be read here (Linux /proc). */
export const cpuReadable = (() => {
  try {
    readFileSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
})();

/** CPU ms of `rootPid` and all its descendants. */
export function processTreeCpuMs(rootPid: number): number {
  const all = allProcesses();
  const children = new Map<number, ProcStat[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let total = 0;
  const stack = all.filter((p) => p.pid === rootPid);
  while (stack.length > 0) {
    const p = stack.pop()!;
    total += p.cpuMs;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return total;
}

/** CPU ms of every process named `postgres` on the machine (the postmaster counts its exited backends). */
export function postgresCpuMs(): number {
  return allProcesses()
    .filter((p) => p.comm === "postgres" || p.comm.startsWith("postgres:"))
    .reduce((sum, p) => sum + p.cpuMs, 0);
}

/** CPU ms of this process (the load generator and, for baselines, the raw client). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface CpuReading {
  server: number | null;
  postgres: number | null;
  client: number;
  load1: number;
}

export interface CpuUse {
  /** CPU ms over the interval; null where not measured. */
  server: number | null;
  postgres: number | null;
  client: number;
  /** 1-minute load average at the start and the end. */
  loadStart: number;
  loadEnd: number;
}

/** Reads the CPU counters now: the server tree (if its pid is known), Postgres (unless embedded), this process. */
export function readCpu(options: { serverPid: number | null; postgres: boolean }): CpuReading {
  return {
    server: options.serverPid !== null && cpuReadable ? processTreeCpuMs(options.serverPid) : null,
    postgres: options.postgres && cpuReadable ? postgresCpuMs() : null,
    client: ownCpuMs(),
    load1: os.loadavg()[0]!,
  };
}

export function cpuBetween(before: CpuReading, after: CpuReading): CpuUse {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  return {
    server: diff(before.server, after.server),
    postgres: diff(before.postgres, after.postgres),
    client: after.client - before.client,
    loadStart: before.load1,
    loadEnd: after.load1,
  };
}
