// One simulated machine: its traffic model feeding the reference client. The model says what
// happens and when the network lets it through; the client buffers, signs, sends and retries.

import { MachineClient, type MachineClientOptions } from "./client";
import type { MachineCredentialsEntry } from "./credentials";
import { MachineModel, type ModelOptions, type ModelState, type TimedEvent } from "./model";

export interface MachineStats {
  generated: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Requests that failed (network, 5xx, 429...); they are retried. */
  errors: number;
  rejectionCodes: Record<string, number>;
  lastError: string | null;
  halted: string | null;
}

export interface SimulatedMachineOptions {
  entry: Pick<MachineCredentialsEntry, "machineId" | "secret" | "name" | "spec">;
  baseUrl: string;
  model: ModelOptions;
  /** Resume the model from a saved state instead of starting it from `model`. */
  state?: ModelState;
  client?: Partial<MachineClientOptions>;
}

export class SimulatedMachine {
  readonly model: MachineModel;
  readonly client: MachineClient;
  readonly name: string;
  readonly stats: MachineStats = { generated: 0, accepted: 0, duplicate: 0, rejected: 0, errors: 0, rejectionCodes: {}, lastError: null, halted: null };
  /** Events that occurred while the machine was offline, waiting for the network. */
  private held: TimedEvent[] = [];
  private fulfilled = new Set<string>();

  constructor(options: SimulatedMachineOptions) {
    this.name = options.entry.name;
    this.model = new MachineModel(options.entry.spec, options.model, options.state);
    this.client = new MachineClient({ baseUrl: options.baseUrl, machineId: options.entry.machineId, secret: options.entry.secret, ...options.client });
  }

  /** Events waiting in the client and for the network. */
  get buffered(): number {
    return this.client.buffered + this.held.length;
  }

  /** Runs the model up to `simNow`, hands what the network lets through to the client, and flushes. */
  async tick(simNow: number): Promise<void> {
    this.hold(this.model.advance(simNow), simNow);
    await this.flush();
  }

  /** Flushes what is buffered; vend commands from the server are fulfilled and reported next time. */
  async flush(): Promise<void> {
    const report = await this.client.flush();
    this.stats.accepted += report.accepted;
    this.stats.duplicate += report.duplicate;
    this.stats.rejected += report.rejected.length;
    for (const r of report.rejected) this.stats.rejectionCodes[r.error.code] = (this.stats.rejectionCodes[r.error.code] ?? 0) + 1;
    if (report.error) {
      this.stats.lastError = `${report.error.status ?? "network"} ${report.error.code}: ${report.error.message}`;
      if (report.outcome === "waiting" || report.outcome === "halted") this.stats.errors++;
    }
    this.stats.halted = report.outcome === "halted" ? this.stats.lastError : null;
    for (const command of report.commands) {
      if (command.type !== "vend" || !command.orderId || !command.slot || this.fulfilled.has(command.id)) continue;
      this.fulfilled.add(command.id);
      if (this.fulfilled.size > 1000) this.fulfilled.delete(this.fulfilled.values().next().value!);
      this.hold(this.model.fulfilOrder({ orderId: command.orderId, slot: command.slot }), this.model.clock);
    }
  }

  private hold(events: TimedEvent[], now: number) {
    this.stats.generated += events.length;
    this.held.push(...events);
    const due = this.held.filter((e) => e.deliverAt <= now);
    if (due.length === 0) return;
    this.held = this.held.filter((e) => e.deliverAt > now);
    this.client.enqueue(...due.map((e) => e.event));
  }
}
