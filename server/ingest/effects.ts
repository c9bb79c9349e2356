import { and, eq, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { alerts, cashCollections, machineEvents, machines, refunds, sales, serviceVisits, slots, stockDiscrepancies } from "~/db/schema";
import type { PaymentMethod } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { evaluateIngestRules } from "~/server/alerts";
import { raiseAlert, resolveAlert } from "~/server/alerts";
import { accruePoints } from "~/server/consumers";
import { formatMoney } from "../money";
import { completeOrders, ordersForReports } from "~/server/payments";
import { trackStockouts } from "~/server/analytics";
import { countVendsAfter } from "./batch";
import type { MachineEvent } from "./events";
import { finishRecount, nextStock, type SlotChanges } from "./stock";

export type AcceptedEvent = MachineEvent;

export interface BatchScope {
  machineId: string;
  locationId: string | null;
  slotByCode: Map<string, { code: string; productId: string | null; stock: number; stockCountedAt: Date | null; costMinor: number | null }>;
  receivedAt: Date;
}

/** Paid by a means the provider can refund; cash is refunded by hand. */
const REFUNDABLE = new Set<PaymentMethod>(["card", "alipay", "wechat_pay", "online"]);

type Of<T extends MachineEvent["type"]> = Extract<MachineEvent, { type: T }>;
const ofType = <T extends MachineEvent["type"]>(events: MachineEvent[], type: T) => events.filter((e): e is Of<T> => e.type === type);

/**
 * Applies the effects of newly accepted events, set-based where it matters, in the caller's
 * transaction. Returns how many refunds the batch now owes (rows for the refund worker).
 */
export async function applyEffects(ctx: ServiceCtx, scope: BatchScope, events: MachineEvent[]): Promise<{ refundsOwed: number }> {
  const refundsOwed = await recordSales(ctx, scope, events);
  await updateStock(ctx, scope, events);
  await recordVisitsAndCash(ctx, scope, events);
  await applyFaults(ctx, scope, events);
  // Last seen and the reported state are the machine's own: a restock a person records in the app
  // (same events, another actor) says nothing about whether the machine is online.
  if (ctx.actor.type === "machine") await updateMachine(ctx, scope, events);
  await evaluateIngestRules(ctx, scope.machineId, events, scope.receivedAt);
  await trackStockouts(ctx, scope.machineId, events);
  return { refundsOwed };
}

async function recordSales(ctx: ServiceCtx, scope: BatchScope, events: MachineEvent[]): Promise<number> {
  const vends = [...ofType(events, "vend.succeeded"), ...ofType(events, "vend.failed")];
  if (vends.length === 0) return 0;
  // A vend of an online order is credited to whoever placed the order; its refund is the order's.
  const orderIds = [...new Set(vends.flatMap((e) => (e.data.orderId ? [e.data.orderId] : [])))];
  const ordered = await ordersForReports(ctx, scope.machineId, orderIds);
  const rows = vends.map((e) => {
    const slot = scope.slotByCode.get(e.data.slot)!;
    const order = e.data.orderId ? ordered.get(e.data.orderId) : undefined;
    return {
      id: newId("sal"),
      orgId: ctx.orgId,
      machineId: scope.machineId,
      eventId: e.id,
      locationId: scope.locationId,
      slotCode: e.data.slot,
      productId: slot.productId,
      status: e.type === "vend.succeeded" ? ("succeeded" as const) : ("failed" as const),
      failureReason: e.type === "vend.failed" ? e.data.reason : null,
      priceMinor: e.data.priceMinor,
      costMinor: e.type === "vend.succeeded" ? (slot.costMinor ?? 0) : 0,
      currency: e.data.currency,
      paymentMethod: e.data.payment.method,
      paymentReference: e.data.payment.reference ?? null,
      orderId: e.data.orderId ?? null,
      consumerId: order ? order.consumerId : (e.data.consumerId ?? null),
      occurredAt: e.occurredAt,
      receivedAt: scope.receivedAt,
    };
  });
  const inserted = await ctx.db.insert(sales).values(rows).onConflictDoNothing().returning({ id: sales.id, eventId: sales.eventId });
  const saleIdByEvent = new Map(inserted.map((r) => [r.eventId, r.id]));

  const recorded = rows.filter((r) => saleIdByEvent.has(r.eventId)).map((r) => ({ ...r, id: saleIdByEvent.get(r.eventId)! }));
  await accruePoints(
    ctx,
    recorded.filter((r) => r.status === "succeeded"),
  );
  const orderRefunds = await completeOrders(
    ctx,
    scope.machineId,
    recorded.flatMap((r) =>
      r.orderId && ordered.has(r.orderId)
        ? [{ orderId: r.orderId, saleId: r.id, succeeded: r.status === "succeeded", reason: r.failureReason, at: r.occurredAt }]
        : [],
    ),
  );

  // A failed vend paid electronically owes a full refund: the row is the outbox the refund worker sends.
  // An online order's refund is the order's own (above): paid once, refunded once.
  const owed = recorded.filter((r) => r.status === "failed" && r.priceMinor > 0 && !(r.orderId && ordered.has(r.orderId)));
  const electronic = owed.filter((r) => REFUNDABLE.has(r.paymentMethod));
  if (electronic.length > 0) {
    await ctx.db
      .insert(refunds)
      .values(
        electronic.map((r) => ({
          id: newId("rfd"),
          orgId: ctx.orgId,
          saleId: r.id,
          consumerId: r.consumerId,
          amountMinor: r.priceMinor,
          currency: r.currency,
          paymentMethod: r.paymentMethod,
          paymentReference: r.paymentReference,
          reason: `vend_failed:${r.failureReason}`,
          createdAt: scope.receivedAt,
        })),
      )
      .onConflictDoNothing();
  }
  for (const r of owed.filter((r) => r.paymentMethod === "cash")) {
    await raiseAlert(ctx, {
      machineId: scope.machineId,
      rule: "cash_refund_owed",
      code: "cash_refund_owed",
      severity: "warning",
      message: `A cash vend failed at slot ${r.slotCode}: ${formatMoney(r.priceMinor, r.currency, { code: true })} is owed back in cash.`,
      at: r.occurredAt,
      data: { saleId: r.id, amountMinor: r.priceMinor, currency: r.currency },
    });
  }
  return electronic.length + orderRefunds;
}

async function updateStock(ctx: ServiceCtx, scope: BatchScope, events: MachineEvent[]) {
  const changes = new Map<string, SlotChanges>();
  const changesOf = (code: string) => {
    let c = changes.get(code);
    if (!c) changes.set(code, (c = { restocks: [], vends: [] }));
    return c;
  };
  for (const e of ofType(events, "vend.succeeded")) changesOf(e.data.slot).vends.push({ occurredAt: e.occurredAt, eventId: e.id });
  for (const e of ofType(events, "inventory.restocked")) {
    for (const s of e.data.slots) changesOf(s.slot).restocks.push({ quantity: s.quantity, occurredAt: e.occurredAt });
  }
  for (const [code, change] of changes) {
    const slot = scope.slotByCode.get(code)!;
    let outcome = nextStock({ stock: slot.stock, countedAt: slot.stockCountedAt }, change);
    if (outcome.recount) outcome = finishRecount(outcome, await countVendsAfter(ctx, scope.machineId, code, outcome.recount.occurredAt));
    await ctx.db
      .update(slots)
      .set({ stock: outcome.stock, stockCountedAt: outcome.countedAt, updatedAt: sql`now()` })
      .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, scope.machineId), eq(slots.code, code)));
    if (outcome.shortfall > 0) {
      const last = change.vends.reduce((a, b) => (b.occurredAt > a.occurredAt ? b : a), change.vends[0] ?? { eventId: "", occurredAt: scope.receivedAt });
      await ctx.db.insert(stockDiscrepancies).values({
        id: newId("dis"),
        orgId: ctx.orgId,
        machineId: scope.machineId,
        slotCode: code,
        shortfall: outcome.shortfall,
        eventId: last.eventId,
        occurredAt: last.occurredAt,
      });
    }
  }
}

async function recordVisitsAndCash(ctx: ServiceCtx, scope: BatchScope, events: MachineEvent[]) {
  const restocks = ofType(events, "inventory.restocked");
  if (restocks.length > 0) {
    await ctx.db.insert(serviceVisits).values(
      restocks.map((e) => ({
        id: newId("vis"),
        orgId: ctx.orgId,
        machineId: scope.machineId,
        externalId: e.data.visitId ?? null,
        eventId: e.id,
        source: "machine",
        occurredAt: e.occurredAt,
        slots: e.data.slots,
      })),
    );
  }
  const cash = ofType(events, "cash.collected");
  if (cash.length > 0) {
    await ctx.db.insert(cashCollections).values(
      cash.map((e) => ({
        id: newId("csh"),
        orgId: ctx.orgId,
        machineId: scope.machineId,
        eventId: e.id,
        amountMinor: e.data.amountMinor,
        currency: e.data.currency,
        occurredAt: e.occurredAt,
      })),
    );
  }
}

async function applyFaults(ctx: ServiceCtx, scope: BatchScope, events: MachineEvent[]) {
  const faultEvents = events
    .filter((e): e is Of<"machine.fault"> | Of<"machine.fault_cleared"> => e.type === "machine.fault" || e.type === "machine.fault_cleared")
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const e of faultEvents) {
    if (e.type === "machine.fault_cleared") {
      await resolveAlert(ctx, scope.machineId, "machine_fault", e.data.code, e.occurredAt);
      continue;
    }
    // Events may arrive out of order: if the machine already reported this fault cleared after
    // it occurred, the fault is recorded but goes straight to resolved.
    const [clearance] = await ctx.db
      .select({ occurredAt: machineEvents.occurredAt })
      .from(machineEvents)
      .where(
        and(
          eq(machineEvents.orgId, ctx.orgId),
          eq(machineEvents.machineId, scope.machineId),
          eq(machineEvents.type, "machine.fault_cleared"),
          sql`${machineEvents.data}->>'code' = ${e.data.code}`,
          sql`${machineEvents.occurredAt} >= ${e.occurredAt.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(machineEvents.occurredAt)
      .limit(1);
    await raiseAlert(ctx, {
      machineId: scope.machineId,
      rule: "machine_fault",
      code: e.data.code,
      severity: e.data.severity,
      message: e.data.message ?? `Fault ${e.data.code}`,
      at: e.occurredAt,
    });
    if (clearance) await resolveAlert(ctx, scope.machineId, "machine_fault", e.data.code, clearance.occurredAt);
  }
}

async function updateMachine(ctx: ServiceCtx, scope: BatchScope, events: MachineEvent[]) {
  const heartbeat = ofType(events, "machine.heartbeat").reduce<Of<"machine.heartbeat"> | null>(
    (best, e) => (!best || e.occurredAt > best.occurredAt ? e : best),
    null,
  );
  const telemetry = heartbeat
    ? {
        temperatureC: sql`case when ${machines.telemetryAt} is null or ${machines.telemetryAt} < ${heartbeat.occurredAt.toISOString()}::timestamptz then ${heartbeat.data.temperatureC ?? null}::real else ${machines.temperatureC} end`,
        doorOpen: sql`case when ${machines.telemetryAt} is null or ${machines.telemetryAt} < ${heartbeat.occurredAt.toISOString()}::timestamptz then ${heartbeat.data.doorOpen ?? null}::boolean else ${machines.doorOpen} end`,
        signalDbm: sql`case when ${machines.telemetryAt} is null or ${machines.telemetryAt} < ${heartbeat.occurredAt.toISOString()}::timestamptz then ${heartbeat.data.signalDbm === undefined ? null : Math.round(heartbeat.data.signalDbm)}::int else ${machines.signalDbm} end`,
        firmware: sql`case when ${machines.telemetryAt} is null or ${machines.telemetryAt} < ${heartbeat.occurredAt.toISOString()}::timestamptz then coalesce(${heartbeat.data.firmware ?? null}::text, ${machines.firmware}) else ${machines.firmware} end`,
        telemetryAt: sql`greatest(${machines.telemetryAt}, ${heartbeat.occurredAt.toISOString()}::timestamptz)`,
      }
    : {};
  const openCritical = sql`exists (select 1 from ${alerts} a where a.org_id = ${ctx.orgId} and a.machine_id = ${scope.machineId}
    and a.rule = 'machine_fault' and a.severity = 'critical' and a.status <> 'resolved')`;
  await ctx.db
    .update(machines)
    .set({
      ...telemetry,
      lastSeenAt: sql`greatest(${machines.lastSeenAt}, ${scope.receivedAt.toISOString()}::timestamptz)`,
      status: sql`case when ${machines.disabledAt} is not null then 'disabled'::machine_status
        when ${openCritical} then 'fault'::machine_status else 'online'::machine_status end`,
    })
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, scope.machineId)));
}
