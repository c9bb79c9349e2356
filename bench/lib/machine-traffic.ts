// What the benchmark's machines send (machine protocol v1): a realistic mix of events per machine,
// with stock kept from running out by regular restocks, and requests signed with the published
// `standardwebhooks` library as a machine maker would sign them.
import { Webhook } from "standardwebhooks";
import type { IngestFleet } from "./ingest-fleet";

export interface ProtocolEvent {
  id: string;
  type: "machine.heartbeat" | "vend.succeeded" | "inventory.restocked" | "machine.fault" | "machine.fault_cleared";
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface SignedRequest {
  machineId: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  events: number;
}

/**
 * The share of each kind of event. One machine's stream: a full restock every `restockEvery`
 * events; of the rest, vends (90 % by card, 10 % cash), heartbeats, and faults that open and clear
 * one code in turn. With 20 slots of 10, about 40 vends between restocks leave stock to spare.
 */
export interface TrafficMix {
  restockEvery: number;
  vend: number;
  heartbeat: number;
  fault: number;
}

/** Single events, as machines send them live. */
export const liveMix: TrafficMix = { restockEvery: 50, vend: 0.75, heartbeat: 0.21, fault: 0.04 };
/** A machine's buffer flushed after being offline: vends and heartbeats between restocks. */
export const backlogMix: TrafficMix = { restockEvery: 100, vend: 0.8, heartbeat: 0.2, fault: 0 };

interface MachineState {
  id: string;
  index: number;
  webhook: Webhook;
  seq: number;
  sinceRestock: number;
  faultOpen: boolean;
}

/** A small deterministic generator (mulberry32), so runs send the same mix. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FleetTraffic {
  readonly machines: MachineState[];
  private readonly rand = random(20_261_124);
  private readonly run: string;
  private requests = 0;

  constructor(private readonly fleet: IngestFleet) {
    // Event ids are unique per machine forever: this run's prefix, then a count per machine.
    this.run = `b${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
    this.machines = fleet.machines.map((m, index) => ({ id: m.id, index, webhook: new Webhook(m.secret), seq: 0, sinceRestock: 0, faultOpen: false }));
  }

  /** The machine's next event, occurring at `at`. */
  nextEvent(machine: MachineState, mix: TrafficMix, at: Date): ProtocolEvent {
    if (++machine.sinceRestock >= mix.restockEvery) return this.event(machine, "inventory.restocked", at);
    const r = this.rand();
    if (r < mix.vend) return this.event(machine, "vend.succeeded", at);
    if (r < mix.vend + mix.heartbeat) return this.event(machine, "machine.heartbeat", at);
    return this.event(machine, machine.faultOpen ? "machine.fault_cleared" : "machine.fault", at);
  }

  /** An event of the given type from the machine, occurring at `at`. */
  event(machine: MachineState, type: ProtocolEvent["type"], at: Date): ProtocolEvent {
    const id = `${this.run}.${++machine.seq}`;
    const occurredAt = at.toISOString();
    switch (type) {
      case "inventory.restocked":
        machine.sinceRestock = 0;
        return { id, type, occurredAt, data: { slots: this.fleet.slotCodes.map((slot) => ({ slot, quantity: this.fleet.capacity })) } };
      case "vend.succeeded": {
        const slot = this.fleet.slotCodes[Math.floor(this.rand() * this.fleet.slotCodes.length)]!;
        const payment = this.rand() < 0.9 ? { method: "card", reference: `pi_${id}` } : { method: "cash" };
        return { id, type, occurredAt, data: { slot, priceMinor: 250, currency: this.fleet.currency, payment } };
      }
      case "machine.heartbeat":
        return { id, type, occurredAt, data: { temperatureC: Math.round((3 + this.rand() * 3) * 10) / 10, doorOpen: false, signalDbm: -55 - Math.floor(this.rand() * 30) } };
      case "machine.fault":
        machine.faultOpen = true;
        return { id, type, occurredAt, data: { code: "coin_jam", severity: "warning", message: "Coin mechanism jammed" } };
      case "machine.fault_cleared":
        machine.faultOpen = false;
        return { id, type, occurredAt, data: { code: "coin_jam" } };
    }
  }

  /** `count` events of one machine, 100 ms apart, the last occurring now. */
  nextEvents(machine: MachineState, mix: TrafficMix, count: number): ProtocolEvent[] {
    const now = Date.now();
    return Array.from({ length: count }, (_, i) => this.nextEvent(machine, mix, new Date(now - (count - 1 - i) * 100)));
  }

  /** The request a machine sends for `events`: JSON body, Standard Webhooks headers. */
  sign(machine: MachineState, events: ProtocolEvent[]): SignedRequest {
    const body = JSON.stringify({ events });
    const webhookId = `${this.run}.r${++this.requests}`;
    const timestamp = new Date();
    return {
      machineId: machine.id,
      path: `/api/v1/machines/${machine.id}/events`,
      headers: {
        "content-type": "application/json",
        "webhook-id": webhookId,
        "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "webhook-signature": machine.webhook.sign(webhookId, timestamp, body),
      },
      body,
      events: events.length,
    };
  }
}

export type TrafficMachine = FleetTraffic["machines"][number];
