import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { runScript, type ScriptTransaction } from "~/db/script";
import { tenantSettings } from "~/db/tenant";
import { AlertBatch, FLAP_WINDOW_MS, lockMachineAlertsStatement, machineAlertsJson, ruleReadsJson, ruleReadsOf } from "~/server/alerts";
import { loyaltyRateJson } from "~/server/consumers";
import type { ServiceCtx } from "~/server/context";
import { countRequest, lockMachineStatement, lockedMachineOf } from "~/server/fleet";
import { slotStatesJson, slotStatesOf, vendsAfterJson, type SlotState } from "~/server/inventory";
import { commandsOf, pendingCommandsJson, reportedOrdersJson, type MachineCommand } from "~/server/payments";
import { orgCurrencyJson } from "~/server/tenancy";
import { planEffects, type BatchReads } from "./effects";
import { parseEvent, type MachineEvent, type Rejection } from "./events";

export type { MachineCommand };

export type EventResult =
  | { id: string | null; status: "accepted" | "duplicate" }
  | { id: string | null; status: "rejected"; error: Rejection };

/** Why a machine's request was refused once its row was locked; nothing was written. */
export type Refusal = { code: "machine_disabled" } | { code: "credentials_changed" } | { code: "rate_limited"; retryAfter: number };

export interface BatchOutcome {
  results: EventResult[];
  commands: MachineCommand[];
  /** Refunds this batch made owed: the refund worker should run once the transaction commits. */
  refundsOwed: number;
  /** Alert announcements this batch queued: to be made once the transaction commits. */
  announcements: number;
  /** Cash collections this batch recorded: their variance is checked once the transaction commits (`checkCashVariance`). */
  cashCollections: number;
  refused?: Refusal;
}

/**
 * What a machine's own request adds to a batch: the transaction it runs in (`scriptTransaction`,
 * begun by the batch's read script, which confines it to the org, and committed by its write
 * script: two round trips in all), and the checks on the machine's row.
 */
export interface MachineRequest {
  script: ScriptTransaction;
  /** The credentials version the request was verified with; another on the row means they changed. */
  credentialsVersion: number;
  rateLimit: { requests: number; windowSeconds: number };
}

const VEND_TYPES = new Set(["vend.succeeded", "vend.failed"]);

/** The (quoted) text-array literal of event ids, which are `[A-Za-z0-9_.:-]` only: matched by the key's index. */
const idArray = (ids: string[]) => `{${ids.map((id) => `"${id}"`).join(",")}}`;

/**
 * Ingests one batch from one machine inside the caller's transaction (or a machine request's own), in two round trips: one
 * script locks the machine's row (so batches of one machine apply one at a time) and reads
 * everything the batch needs; the batch is decided in memory; one script writes every effect. The
 * (machine, event id) lookup under the lock makes a repeated event a duplicate, and only events new
 * to the database have effects. A machine's request (`request`) also checks the row: disabled,
 * credentials changed, rate limit.
 */
export async function ingestBatch(
  ctx: ServiceCtx,
  input: { machineId: string; events: unknown[]; receivedAt?: Date; request?: MachineRequest; inferred?: boolean },
): Promise<BatchOutcome> {
  const { machineId, request, receivedAt = new Date() } = input;
  const parsed = input.events.map((raw) => parseEvent(raw, receivedAt.getTime()));
  const candidates = parsed.flatMap((p) => ("event" in p ? [p.event] : []));
  const fromMachine = ctx.actor.type === "machine";

  // Alerts that resolved by themselves since shortly before the batch's earliest event may flap back open.
  const earliest = candidates.reduce((min, e) => (e.occurredAt < min ? e.occurredAt : min), receivedAt);
  const flapSince = new Date(earliest.getTime() - FLAP_WINDOW_MS);

  const run = (statements: SQL[], last = false) => (request ? request.script.run(statements, { last }) : runScript(ctx.db, statements));
  const rows = await run([
    ...(request ? [tenantSettings({ orgId: ctx.orgId })] : []),
    // Ingest's statements are short and planned every time; compiling them would cost more than it saves.
    sql`select set_config('jit', 'off', true)`,
    lockMachineStatement(ctx, { machineId }),
    lockMachineAlertsStatement(ctx, { machineId, flapSince }),
    readStatement(ctx, { machineId, events: candidates, receivedAt, fromMachine, flapSince }),
  ]);
  const machine = lockedMachineOf(rows.at(-3)!);
  if (!machine) throw new Error(`machine ${machineId} not in org ${ctx.orgId}`);
  const snapshot = rows.at(-1)![0]!.snapshot as Snapshot;

  let window = null;
  if (request) {
    if (machine.disabled) return refused({ code: "machine_disabled" });
    if (machine.credentialsVersion !== request.credentialsVersion) return refused({ code: "credentials_changed" });
    const counted = countRequest(machine.requestWindow, { now: machine.now, limit: request.rateLimit });
    if ("retryAfter" in counted) return refused({ code: "rate_limited", retryAfter: counted.retryAfter });
    window = counted.window;
  }

  const slots = slotStatesOf(snapshot.slots);
  const stored = new Set(snapshot.stored);
  const seen = new Set<string>();
  const accepted: MachineEvent[] = [];
  const results: EventResult[] = parsed.map((p) => {
    if (!("event" in p)) return { id: p.id, status: "rejected", error: p.rejection };
    const { event } = p;
    if (stored.has(event.id) || seen.has(event.id)) return { id: event.id, status: "duplicate" };
    const rejection = rejectionFor(event, slots, snapshot.currency);
    if (rejection) return { id: event.id, status: "rejected", error: rejection };
    seen.add(event.id);
    accepted.push(event);
    return { id: event.id, status: "accepted" };
  });

  const reads: BatchReads = {
    slots,
    vendsAfter: (snapshot.vendsAfter ?? []).map((v) => ({ slot: v.slot, at: new Date(v.at), count: Number(v.count) })),
    alerts: new AlertBatch(ctx, machineId, snapshot.alerts),
    rules: ruleReadsOf(snapshot.rules),
    clearances: snapshot.clearances.map((c) => ({ code: c.code, at: new Date(c.at) })),
    orders: new Map(Object.entries(snapshot.orders ?? {})),
    pointsPerUnit: snapshot.pointsPerUnit,
  };
  // The door rule reads history around the batch's newest heartbeat; when that one was a
  // duplicate, the newest accepted one needs its own read (a third round trip, and rare).
  const newestHeartbeat = (list: MachineEvent[]) => latestOf(list.filter((e) => e.type === "machine.heartbeat"));
  if (newestHeartbeat(accepted) !== newestHeartbeat(candidates) && newestHeartbeat(accepted)) {
    const [again] = await run([sql`select ${ruleReadsJson(ctx, { machineId, events: accepted })} as rules`]);
    reads.rules = ruleReadsOf(again![0]!.rules);
  }

  const effects = planEffects(ctx, { machineId, locationId: machine.locationId, receivedAt, fromMachine, inferred: input.inferred, requestWindow: window, events: accepted, reads });
  await run(effects.statements, true);
  const reported = new Set(accepted.flatMap((e) => (VEND_TYPES.has(e.type) && "orderId" in e.data && e.data.orderId ? [e.data.orderId] : [])));
  return {
    results,
    commands: fromMachine ? commandsOf(snapshot.commands, reported) : [],
    refundsOwed: effects.refundsOwed,
    announcements: effects.announcements,
    cashCollections: accepted.filter((e) => e.type === "cash.collected").length,
  };
}

const refused = (refusal: Refusal): BatchOutcome => ({ results: [], commands: [], refundsOwed: 0, announcements: 0, cashCollections: 0, refused: refusal });

const latestOf = <T extends { occurredAt: Date }>(list: T[]): T | undefined => list.reduce<T | undefined>((a, b) => (!a || b.occurredAt > a.occurredAt ? b : a), undefined);

/** What the read statement returns, as JSON. */
interface Snapshot {
  currency: string;
  stored: string[];
  slots: unknown;
  vendsAfter: { slot: string; at: string; count: number }[] | null;
  alerts: unknown;
  rules: unknown;
  clearances: { code: string; at: string }[];
  orders: Record<string, { consumerId: string | null; paymentReference: string | null }> | null;
  commands: unknown;
  pointsPerUnit: number | null;
}

/**
 * The batch's one read, as one JSON value, from parts each domain writes: the org's currency,
 * which of the batch's events are stored already, the planogram, what late recounts subtract, the
 * machine's alerts and what the rules read, fault clearances, the orders the vends name, the
 * commands due and the loyalty rate. Built from every well-formed event of the batch, a superset
 * of those it will accept.
 */
function readStatement(ctx: ServiceCtx, input: { machineId: string; events: MachineEvent[]; receivedAt: Date; fromMachine: boolean; flapSince: Date }): SQL {
  const { machineId, events, receivedAt } = input;
  const ids = events.map((e) => e.id);
  // Every count time of the batch, not only the newest: a count that turns out a duplicate is not applied.
  const countTimes = events.flatMap((e) => (e.type === "inventory.restocked" ? e.data.slots.map((s) => ({ slot: s.slot, at: e.occurredAt })) : []));
  const orderIds = [...new Set(events.flatMap((e) => (VEND_TYPES.has(e.type) && "orderId" in e.data && e.data.orderId ? [e.data.orderId] : [])))];
  const faults = events.filter((e) => e.type === "machine.fault");
  const none = sql`null`;
  return sql`select json_build_object(
    'currency', ${orgCurrencyJson(ctx)},
    'stored', ${
      ids.length === 0
        ? sql`'[]'::json`
        : sql`(select coalesce(json_agg(e.event_id), '[]') from machine_events e where e.machine_id = ${machineId} and e.event_id = any(${idArray(ids)}::text[]))`
    },
    'slots', ${slotStatesJson(ctx, { machineId })},
    'vendsAfter', ${vendsAfterJson(ctx, { machineId, after: dedupeTimes(countTimes) }) ?? none},
    'alerts', ${machineAlertsJson(ctx, { machineId, flapSince: input.flapSince })},
    'rules', ${ruleReadsJson(ctx, { machineId, events })},
    'clearances', ${faults.length === 0 ? sql`'[]'::json` : faultClearancesJson(ctx, { machineId, faults })},
    'orders', ${reportedOrdersJson(ctx, { machineId, orderIds }) ?? none},
    'commands', ${input.fromMachine ? pendingCommandsJson(ctx, { machineId, now: receivedAt }) : sql`'[]'::json`},
    'pointsPerUnit', ${orderIds.length > 0 || events.some((e) => VEND_TYPES.has(e.type) && "consumerId" in e.data && e.data.consumerId) ? loyaltyRateJson(ctx) : none}
  ) as snapshot`;
}

function dedupeTimes(times: { slot: string; at: Date }[]) {
  return [...new Map(times.map((t) => [`${t.slot} ${t.at.toISOString()}`, t])).values()];
}

/** Clearances of the batch's fault codes stored since its earliest fault: a fault cleared later arrives resolved. */
function faultClearancesJson(ctx: ServiceCtx, { machineId, faults }: { machineId: string; faults: MachineEvent[] }): SQL {
  const codes = [...new Set(faults.map((f) => (f.data as { code: string }).code))];
  const from = faults.reduce((min, f) => (f.occurredAt < min ? f.occurredAt : min), faults[0]!.occurredAt);
  return sql`(select coalesce(json_agg(json_build_object('code', e.data->>'code', 'at', e.occurred_at)), '[]') from machine_events e
    where e.org_id = ${ctx.orgId} and e.machine_id = ${machineId} and e.type = 'machine.fault_cleared'
      and e.data->>'code' in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)) and e.occurred_at >= ${from.toISOString()}::timestamptz)`;
}

/** What a well-formed event can still get wrong about this machine and its operator. */
function rejectionFor(event: MachineEvent, slotByCode: Map<string, SlotState>, orgCurrency: string): Rejection | null {
  const unknownSlot = slotCodesOf(event).find((code) => !slotByCode.has(code));
  if (unknownSlot !== undefined) return { code: "unknown_slot", message: `slot ${unknownSlot} is not in this machine's planogram` };
  // Sales, refunds and cash totals are summed per organization in its one currency, so money in
  // another currency would be added up as if it were the same: refuse it rather than convert.
  const currency = "currency" in event.data ? event.data.currency : null;
  if (currency !== null && currency !== orgCurrency) {
    return { code: "currency_mismatch", message: `this organization sells in ${orgCurrency}, not ${currency}; set the machine's currency to ${orgCurrency}` };
  }
  return null;
}

function slotCodesOf(event: MachineEvent): string[] {
  if (VEND_TYPES.has(event.type)) return [(event.data as { slot: string }).slot];
  if (event.type === "inventory.restocked") return event.data.slots.map((s) => s.slot);
  return [];
}
