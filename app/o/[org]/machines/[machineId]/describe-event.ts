import { useTranslations } from "next-intl";
import { useFormat, type Format } from "~/app/_components/i18n/format";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import type { RouterOutputs } from "~/app/_trpc/types";
import { isTestEvent } from "~/server/fleet/contract";
import { useTelemetryFormat, type TelemetryFormat } from "../machine-figures-format";

export type MachineEventRow = RouterOutputs["machines"]["events"]["events"][number];

export const eventsPageOptions = {
  getNextPageParam: (page: RouterOutputs["machines"]["events"]) => page.nextCursor,
};

/** The timeline's query (the same on the server's prefetch and in the browser): 20 events a page. */
export function eventsInput(orgId: string, machineId: string, types?: readonly string[]) {
  return { orgId, machineId, limit: 20, ...(types ? { types: [...types] } : {}) };
}

/** The timeline's filter: kinds of events, each a set of protocol event types (words: `machines.events.kinds.*`). */
export const eventKinds = [
  { value: "vends", types: ["vend.succeeded", "vend.failed"] },
  { value: "faults", types: ["machine.fault", "machine.fault_cleared"] },
  { value: "restocks", types: ["inventory.restocked"] },
  { value: "cash", types: ["cash.collected"] },
  { value: "heartbeats", types: ["machine.heartbeat"] },
] as const;

export type EventKind = (typeof eventKinds)[number]["value"];

export type EventTone = "sale" | "failure" | "fault" | "ok" | "quiet";

const failureReasons = ["dispense_failed", "jammed", "sold_out", "timeout", "other"] as const;
const isFailureReason = (reason: string): reason is (typeof failureReasons)[number] => (failureReasons as readonly string[]).includes(reason);

/** What an event is said with: the messages, numbers and money, telemetry and payment methods of the reader's language. */
export interface EventWords {
  t: ReturnType<typeof useTranslations<"machines.events">>;
  f: Format;
  telemetry: TelemetryFormat;
  method: (method: string) => string;
}

export function useEventWords(): EventWords {
  return { t: useTranslations("machines.events"), f: useFormat(), telemetry: useTelemetryFormat(), method: usePaymentMethodLabel() };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function vendParts(data: Record<string, unknown>, productOf: (slot: string) => string | undefined, { f, method: methodLabel }: EventWords): string[] {
  const slot = str(data.slot) ?? "?";
  const price = num(data.priceMinor);
  const currency = str(data.currency);
  const method = str((data.payment as Record<string, unknown> | undefined)?.method);
  return [
    slot,
    productOf(slot),
    price !== undefined && currency ? f.money(price, currency) : undefined,
    method ? methodLabel(method).toLowerCase() : undefined,
  ].filter((p): p is string => Boolean(p));
}

/**
 * One event in words: "Vend A1 · Cola · €2.50 · card", "Restocked 6 slots", "Fault COIN_JAM
 * (critical)", "Heartbeat 4.5 °C". `productOf` names the product in a slot (today's planogram).
 */
export function describeEvent(
  event: Pick<MachineEventRow, "type" | "data"> & { eventId?: string },
  productOf: (slot: string) => string | undefined,
  words: EventWords,
): { summary: string; detail?: string; tone: EventTone } {
  const { t, f, telemetry } = words;
  const data = event.data ?? {};
  switch (event.type) {
    case "vend.succeeded":
      return { summary: t("vend", { details: vendParts(data, productOf, words).join(" · ") }), tone: "sale" };
    case "vend.failed": {
      const reason = str(data.reason);
      return {
        summary: t("failedVend", { details: vendParts(data, productOf, words).join(" · ") }),
        detail: reason ? t("reason", { reason: isFailureReason(reason) ? t(`reasons.${reason}`) : reason }) : undefined,
        tone: "failure",
      };
    }
    case "machine.fault":
      return { summary: t("fault", { code: str(data.code) ?? "?", severity: str(data.severity) ?? t("unknownSeverity") }), detail: str(data.message), tone: "fault" };
    case "machine.fault_cleared":
      return { summary: t("faultCleared", { code: str(data.code) ?? "?" }), tone: "ok" };
    case "inventory.restocked": {
      const slots = Array.isArray(data.slots) ? (data.slots as { slot?: unknown; quantity?: unknown }[]) : [];
      const list = slots.slice(0, 8).map((s) => `${str(s.slot) ?? "?"}: ${num(s.quantity) ?? "?"}`);
      return {
        summary: t("restocked", { count: slots.length }),
        detail: list.length > 0 ? `${list.join(", ")}${slots.length > list.length ? ", …" : ""}` : undefined,
        tone: "ok",
      };
    }
    case "cash.collected": {
      const amount = num(data.amountMinor);
      const currency = str(data.currency);
      return { summary: amount !== undefined && currency ? t("cashCollectedAmount", { amount: f.money(amount, currency) }) : t("cashCollected"), tone: "quiet" };
    }
    case "machine.heartbeat": {
      const temperature = num(data.temperatureC);
      const signal = num(data.signalDbm);
      const details = [
        signal !== undefined ? t("signal", { signal: telemetry.signal(signal) }) : undefined,
        data.doorOpen === true ? t("doorOpen") : data.doorOpen === false ? t("doorClosed") : undefined,
        str(data.firmware) ? t("firmware", { version: str(data.firmware)! }) : undefined,
      ].filter(Boolean);
      // A test the operator sent from VendOps with the machine's credentials, not the machine itself.
      if (event.eventId && isTestEvent(event.eventId)) return { summary: t("testHeartbeat"), detail: t("testDetail"), tone: "quiet" };
      return {
        summary: temperature !== undefined ? t("heartbeatTemperature", { temperature: telemetry.temperature(temperature) }) : t("heartbeat"),
        detail: details.length > 0 ? details.join(" · ") : undefined,
        tone: "quiet",
      };
    }
    default:
      return { summary: event.type, tone: "quiet" };
  }
}
