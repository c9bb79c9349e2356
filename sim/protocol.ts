// Machine protocol v1 as a machine sees it (see docs/machine-protocol-v1.md). Dependency-free on purpose: this is
// what a machine maker would copy.

import type { PaymentMethod } from "./traffic";

export const MAX_EVENTS_PER_REQUEST = 500;
export const MAX_BODY_BYTES = 1024 * 1024;

export type FaultSeverity = "info" | "warning" | "critical";
export type VendFailureReason = "dispense_failed" | "jammed" | "sold_out" | "timeout" | "other";

export interface VendData {
  slot: string;
  priceMinor: number;
  currency: string;
  payment: { method: PaymentMethod; reference?: string };
  orderId?: string;
  consumerId?: string;
}

interface Envelope<T extends string, D> {
  /** 1 to 64 characters of [A-Za-z0-9_.:-], unique per machine forever. */
  id: string;
  type: T;
  /** RFC 3339, the machine's clock. */
  occurredAt: string;
  data: D;
}

export type ProtocolEvent =
  | Envelope<"machine.heartbeat", { temperatureC?: number; doorOpen?: boolean; firmware?: string; signalDbm?: number }>
  | Envelope<"vend.succeeded", VendData>
  | Envelope<"vend.failed", VendData & { reason: VendFailureReason }>
  | Envelope<"machine.fault", { code: string; severity: FaultSeverity; message?: string }>
  | Envelope<"machine.fault_cleared", { code: string }>
  | Envelope<"inventory.restocked", { slots: { slot: string; quantity: number }[]; visitId?: string }>
  | Envelope<"cash.collected", { amountMinor: number; currency: string }>;

export type EventType = ProtocolEvent["type"];

export interface ProtocolError {
  code: string;
  message: string;
}

export type EventResult =
  | { id: string | null; status: "accepted" | "duplicate" }
  | { id: string | null; status: "rejected"; error: ProtocolError };

/** A vend the server asks the machine to make (an online order paid on the machine's page). */
export interface MachineCommand {
  id: string;
  type: string;
  orderId?: string;
  slot?: string;
  expiresAt?: string;
}

export interface EventsResponse {
  results: EventResult[];
  commands: MachineCommand[];
}

/** The events endpoint of a machine under a VendOps base URL. */
export function eventsUrl(baseUrl: string, machineId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/v1/machines/${encodeURIComponent(machineId)}/events`;
}
