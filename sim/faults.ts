// Faults a vending machine reports, how often, how long they last, and what they take out of service.

import type { FaultSeverity } from "./protocol";
import type { Random } from "./random";
import type { PaymentMethod } from "./traffic";

export interface FaultKind {
  code: string;
  severity: FaultSeverity;
  message: string;
  /** Relative frequency. */
  weight: number;
  /** Only machines with a cooling unit have it. */
  cooledOnly?: boolean;
  /** Share of occurrences that clear by themselves (else a technician clears it at the next visit). */
  selfClearing: number;
  /** How long a self-clearing one lasts, in minutes. */
  minutes: [number, number];
  /** Whether a technician is sent at once rather than at the next planned visit. */
  urgent?: boolean;
  /** Payment methods the machine cannot take while it lasts. */
  disables?: PaymentMethod[];
}

export const faultKinds: FaultKind[] = [
  { code: "COIN_JAM", severity: "warning", message: "Coin mechanism jammed; coins are refused", weight: 3, selfClearing: 0.1, minutes: [20, 120], disables: ["cash"] },
  { code: "BILL_VALIDATOR", severity: "warning", message: "Bill validator not responding", weight: 2, selfClearing: 0.7, minutes: [10, 180] },
  { code: "CARD_READER", severity: "warning", message: "Card terminal offline", weight: 3, selfClearing: 0.85, minutes: [15, 240], disables: ["card", "alipay", "wechat_pay", "online"] },
  { code: "DOOR_SENSOR", severity: "info", message: "Door sensor reports open outside a service visit", weight: 2, selfClearing: 0.95, minutes: [3, 60] },
  { code: "COOLING", severity: "critical", message: "Cooling unit: temperature above 8 °C", weight: 1.5, cooledOnly: true, selfClearing: 0.4, minutes: [60, 480], urgent: true },
  { code: "MOTOR_FAULT", severity: "warning", message: "Spiral motor did not return to home position", weight: 1.5, selfClearing: 0.2, minutes: [5, 30] },
  { code: "POWER_LOSS", severity: "info", message: "Power restored after an outage", weight: 0.8, selfClearing: 1, minutes: [1, 5] },
];

export function chooseFault(rng: Random, cooled: boolean): FaultKind {
  const candidates = faultKinds.filter((f) => cooled || !f.cooledOnly);
  return candidates[rng.weightedIndex(candidates.map((f) => f.weight))]!;
}

export const faultByCode = new Map(faultKinds.map((f) => [f.code, f]));

/** What a heartbeat reports for a machine at a moment. */
export function temperatureAt(rng: Random, options: { coolingC: number | null; localHour: number; doorOpen: boolean; coolingFaultSinceMs: number | null }): number {
  const { coolingC, localHour, doorOpen, coolingFaultSinceMs } = options;
  if (coolingC === null) {
    // Ambient: a little warmer in the afternoon.
    return round1(20.5 + 1.5 * Math.sin(((localHour - 9) / 24) * 2 * Math.PI) + rng.normal(0, 0.4));
  }
  let t = coolingC + rng.normal(0, 0.35) + (doorOpen ? 2.5 : 0);
  if (coolingFaultSinceMs !== null) t = Math.min(21, coolingC + 4.5 + (coolingFaultSinceMs / 3_600_000) * 1.8 + rng.normal(0, 0.3));
  return round1(t);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
