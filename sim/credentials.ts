// `demo-machines.json`: the demo machines' credentials and what the simulator needs to play them.
// Written by the demo seed into the data directory (mode 0600); read by `npm run sim` and the live
// demo machines, and handy for trying the protocol by hand.

import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MachineSpec } from "./model";

export const CREDENTIALS_FILE = "demo-machines.json";

export interface MachineCredentialsEntry {
  machineId: string;
  /** `whsec_...`: the key for Standard Webhooks signatures. */
  secret: string;
  name: string;
  serial: string;
  model: string;
  location: { name: string; kind: MachineSpec["kind"] };
  /** Among the machines the running demo keeps sending live traffic. */
  live: boolean;
  /** Traffic model inputs: place, planogram with prices and popularity, cooling. */
  spec: MachineSpec;
  /** Stock per slot when the file was written (the end of the seeded history). */
  stock: Record<string, number>;
  /** How many history events the seed generated, so other runs can pick fresh event ids. */
  historyEvents: number;
}

export interface CredentialsFile {
  version: 1;
  about: string;
  organization: { name: string; slug: string; timeZone: string; currency: string };
  /** POST here, per machine: {baseUrl}/api/v1/machines/{machineId}/events */
  endpoint: string;
  generatedAt: string;
  machines: MachineCredentialsEntry[];
}

/** The credentials file in the data directory: Demo Vending's, or another demo operator's `file`. */
export function credentialsPath(dataDir: string, file = CREDENTIALS_FILE): string {
  return path.resolve(dataDir, file);
}

/** Writes the file atomically, readable by its owner only: it holds secrets. */
export function writeCredentialsFile(file: string, content: CredentialsFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function readCredentialsFile(file: string): CredentialsFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${file} does not exist. Start VendOps once with the demo (npm start) to create it, or pass --credentials <file>.`);
    }
    throw error;
  }
  const parsed = JSON.parse(text) as CredentialsFile;
  if (parsed.version !== 1 || !Array.isArray(parsed.machines)) throw new Error(`${file} is not a demo machines file (version 1).`);
  return parsed;
}
