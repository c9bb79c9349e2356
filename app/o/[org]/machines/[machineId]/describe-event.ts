import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import type { RouterOutputs } from "~/app/_trpc/types";
import { isTestEvent } from "~/server/fleet/contract";
import { formatMoney } from "~/server/money";
import { formatSignal, formatTemperature } from "../machine-figures-format";

export type MachineEventRow = RouterOutputs["machines"]["events"]["events"][number];

export const eventsPageOptions = {
  getNextPageParam: (page: RouterOutputs["machines"]["events"]) => page.nextCursor,
};

/** The timeline's query (the same on the server's prefetch and in the browser): 20 events a page. */
export function eventsInput(orgId: string, machineId: string, types?: readonly string[]) {
  return { orgId, machineId, limit: 20, ...(types ? { types: [...types] } : {}) };
}

/** The timeline's filter: kinds of events, each a set of protocol event types. */
export const eventKinds = [
  { value: "vends", label: "Vends", types: ["vend.succeeded", "vend.failed"] },
  { value: "faults", label: "Faults", types: ["machine.fault", "machine.fault_cleared"] },
  { value: "restocks", label: "Restocks", types: ["inventory.restocked"] },
  { value: "cash", label: "Cash collections", types: ["cash.collected"] },
  { value: "heartbeats", label: "Heartbeats", types: ["machine.heartbeat"] },
] as const;

export type EventKind = (typeof eventKinds)[number]["value"];

export type EventTone = "sale" | "failure" | "fault" | "ok" | "quiet";

const failureReasons: Record<string, string> = {
  dispense_failed: "did not dispense",
  jammed: "jammed",
  sold_out: "sold out",
  timeout: "timed out",
  other: "other reason",
};

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function vendParts(data: Record<string, unknown>, productOf: (slot: string) => string | undefined): string[] {
  const slot = str(data.slot) ?? "?";
  const price = num(data.priceMinor);
  const currency = str(data.currency);
  const method = str((data.payment as Record<string, unknown> | undefined)?.method);
  return [
    slot,
    productOf(slot),
    price !== undefined && currency ? formatMoney(price, currency) : undefined,
    method ? paymentMethodLabel(method).toLowerCase() : undefined,
  ].filter((p): p is string => Boolean(p));
}

/**
 * One event in words: "Vend A1 · Cola · €2.50 · card", "Restocked 6 slots", "Fault COIN_JAM
 * (critical)", "Heartbeat 4.5 °C". `productOf` names the product in a slot (today's planogram).
 */
export function describeEvent(
  event: Pick<MachineEventRow, "type" | "data"> & { eventId?: string },
  productOf: (slot: string) => string | undefined,
): { summary: string; detail?: string; tone: EventTone } {
  const data = event.data ?? {};
  switch (event.type) {
    case "vend.succeeded":
      return { summary: `Vend ${vendParts(data, productOf).join(" · ")}`, tone: "sale" };
    case "vend.failed": {
      const reason = str(data.reason);
      return {
        summary: `Failed vend ${vendParts(data, productOf).join(" · ")}`,
        detail: reason ? `Reason: ${failureReasons[reason] ?? reason}` : undefined,
        tone: "failure",
      };
    }
    case "machine.fault":
      return { summary: `Fault ${str(data.code) ?? "?"} (${str(data.severity) ?? "unknown severity"})`, detail: str(data.message), tone: "fault" };
    case "machine.fault_cleared":
      return { summary: `Fault ${str(data.code) ?? "?"} cleared`, tone: "ok" };
    case "inventory.restocked": {
      const slots = Array.isArray(data.slots) ? (data.slots as { slot?: unknown; quantity?: unknown }[]) : [];
      const list = slots.slice(0, 8).map((s) => `${str(s.slot) ?? "?"}: ${num(s.quantity) ?? "?"}`);
      return {
        summary: `Restocked ${slots.length} ${slots.length === 1 ? "slot" : "slots"}`,
        detail: list.length > 0 ? `${list.join(", ")}${slots.length > list.length ? ", …" : ""}` : undefined,
        tone: "ok",
      };
    }
    case "cash.collected": {
      const amount = num(data.amountMinor);
      const currency = str(data.currency);
      return { summary: `Cash collected${amount !== undefined && currency ? ` ${formatMoney(amount, currency)}` : ""}`, tone: "quiet" };
    }
    case "machine.heartbeat": {
      const temperature = num(data.temperatureC);
      const signal = num(data.signalDbm);
      const details = [
        signal !== undefined ? `signal ${formatSignal(signal)}` : undefined,
        data.doorOpen === true ? "door open" : data.doorOpen === false ? "door closed" : undefined,
        str(data.firmware) ? `firmware ${str(data.firmware)}` : undefined,
      ].filter(Boolean);
      // A test the operator sent from VendOps with the machine's credentials, not the machine itself.
      if (event.eventId && isTestEvent(event.eventId)) return { summary: "Test heartbeat", detail: "sent from VendOps with this machine's secret", tone: "quiet" };
      return {
        summary: `Heartbeat${temperature !== undefined ? ` ${formatTemperature(temperature)}` : ""}`,
        detail: details.length > 0 ? details.join(" · ") : undefined,
        tone: "quiet",
      };
    }
    default:
      return { summary: event.type, tone: "quiet" };
  }
}
