// What the traffic model is given (a machine at a place, with its planogram) and what it keeps
// between steps (its state, plain JSON so a machine can be saved and resumed).

import type { ProtocolEvent } from "./protocol";
import type { Random, RandomState } from "./random";
import type { PaymentMethod, PlaceKind } from "./traffic";

const DAY = 86_400_000;

export interface SlotSpec {
  code: string;
  /** The planogram's price (the slot's override, else the product's), minor units. */
  priceMinor: number;
  capacity: number;
  parLevel: number;
  /** Relative popularity of what the slot holds. */
  weight: number;
}

export interface MachineSpec {
  kind: PlaceKind;
  timeZone: string;
  currency: string;
  slots: SlotSpec[];
  /** Expected vends on an ordinary weekday. */
  dailyVends: number;
  /** How customers pay here (weights); unset: the usual mix for the kind of place (traffic.ts). */
  payments?: Partial<Record<PaymentMethod, number>>;
  /** Target temperature of a cooled machine, null for an ambient one. */
  coolingC: number | null;
  firmware?: string;
  signalDbm?: number;
}

export interface Rates {
  faultsPerDay: number;
  offlinePerDay: number;
  /** Share of vends that fail (dispense_failed, jammed, timeout). */
  failedVendShare: number;
}

export interface ModelOptions {
  seed: string;
  start: number | Date;
  /** Event ids are this prefix and a counter; make it unique per run of the same machine. */
  idPrefix?: string;
  heartbeatMinutes?: number;
  /** Stock at the start (default: full). */
  stock?: Record<string, number>;
  /** Begin with a service visit that fills every slot, as a newly installed machine does. */
  commission?: boolean;
  rates?: Partial<Rates>;
}

/** An event and when the network lets it reach the server (later than it occurred while offline). */
export interface TimedEvent {
  event: ProtocolEvent;
  deliverAt: number;
}

export type Task =
  | { at: number; kind: "visit" | "fixAll" | "collect" | "doorClosed" | "online" }
  | { at: number; kind: "restock"; visit: number }
  | { at: number; kind: "clear"; code: string };

export type Happening = Task | { at: number; kind: "vend" | "heartbeat" | "fault" | "offline" };

export interface ModelState {
  version: 1;
  clock: number;
  seq: number;
  rng: RandomState;
  stock: Record<string, number>;
  cashMinor: number;
  lastVisitAt: number;
  visits: number;
  day: string | null;
  dayFactor: number;
  servicing: boolean;
  offlineUntil: number | null;
  /** Open faults: code -> since (ms). */
  faults: Record<string, number>;
  nextHeartbeatAt: number;
  tasks: Task[];
}

export const defaultRates: Rates = { faultsPerDay: 0.08, offlinePerDay: 0.035, failedVendShare: 0.015 };

export function initialState(spec: MachineSpec, options: ModelOptions, rng: Random, heartbeatMs: number, routeDays: number): ModelState {
  const start = +options.start;
  return {
    version: 1,
    clock: start,
    seq: 0,
    rng: rng.state,
    stock: Object.fromEntries(spec.slots.map((s) => [s.code, options.stock?.[s.code] ?? s.capacity])),
    cashMinor: 0,
    lastVisitAt: options.commission ? start : start - rng.between(0, routeDays) * DAY,
    visits: 0,
    day: null,
    dayFactor: 1,
    servicing: false,
    offlineUntil: null,
    faults: {},
    nextHeartbeatAt: start + rng.between(0, heartbeatMs),
    tasks: options.commission ? [{ at: start, kind: "visit" }] : [],
  };
}
