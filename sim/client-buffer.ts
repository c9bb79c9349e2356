// The client's buffer on disk: what a machine has not delivered yet survives a restart.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ProtocolEvent } from "./protocol";

export interface SavedBuffer {
  machineId: string;
  events: ProtocolEvent[];
  /** The batch being sent (the first `count` events) and its webhook-id, reused when it is retried. */
  inflight: { webhookId: string; count: number } | null;
}

export function loadBuffer(file: string, machineId: string): SavedBuffer {
  let saved: Partial<SavedBuffer>;
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as Partial<SavedBuffer>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { machineId, events: [], inflight: null };
    throw new Error(`cannot read the event buffer ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (saved.machineId !== machineId) throw new Error(`the event buffer ${file} belongs to machine ${saved.machineId}, not ${machineId}`);
  return { machineId, events: Array.isArray(saved.events) ? saved.events : [], inflight: saved.inflight ?? null };
}

/** Writes the buffer atomically (a new file renamed over the old), readable by its owner only. */
export function saveBuffer(file: string, buffer: SavedBuffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(buffer), { mode: 0o600 });
  renameSync(tmp, file);
}
