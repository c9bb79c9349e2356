import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { hasOpenCriticalFault, evaluateIngestRules, type AlertBatch, type RuleReads } from "~/server/alerts";
import { cashCollectionsStatement } from "~/server/cash";
import { accruePointsStatements } from "~/server/consumers";
import type { ServiceCtx } from "~/server/context";
import { machineReportStatement, type RequestWindow } from "~/server/fleet";
import { serviceVisitsStatement, stockChangeStatements, type SlotState } from "~/server/inventory";
import { completeOrdersStatement, failedVendRefundsStatement, type ReportedOrder } from "~/server/payments";
import { recordVendsStatement } from "~/server/sales";
import { stockoutsStatement } from "~/server/analytics";
import type { MachineEvent } from "./events";

const HOUR_MS = 3_600_000;

type Of<T extends MachineEvent["type"]> = Extract<MachineEvent, { type: T }>;
const ofType = <T extends MachineEvent["type"]>(events: MachineEvent[], type: T) => events.filter((e): e is Of<T> => e.type === type);

/** What the batch's read returned, in the domains' own shapes. */
export interface BatchReads {
  slots: Map<string, SlotState>;
  vendsAfter: { slot: string; at: Date; count: number }[];
  alerts: AlertBatch;
  rules: RuleReads;
  /** Stored clearances of the batch's fault codes since its earliest fault. */
  clearances: { code: string; at: Date }[];
  orders: Map<string, ReportedOrder>;
  pointsPerUnit: number | null;
}

export interface BatchPlan {
  /** Every write of the batch, in order, for one script. */
  statements: SQL[];
  refundsOwed: number;
  announcements: number;
}

/**
 * Decides what newly accepted events change and returns it as statements, each written by the
 * domain that owns what it changes: the raw events and report hours, sales, points, orders and
 * refunds, stock, visits, cash, alerts, the machine's own row and stockout periods. Nothing is
 * read here: everything was in the batch's read.
 */
export function planEffects(
  ctx: ServiceCtx,
  input: {
    machineId: string;
    locationId: string | null;
    receivedAt: Date;
    fromMachine: boolean;
    /** The vends are inferred from audits, not reported: their sales are marked so. */
    inferred?: boolean;
    requestWindow: RequestWindow | null;
    events: MachineEvent[];
    reads: BatchReads;
  },
): BatchPlan {
  const { machineId, receivedAt, events, reads } = input;
  const statements: (SQL | null)[] = [];
  let refundsOwed = 0;
  if (events.length > 0) {
    // Fixed statement texts whatever the batch's size (rows travel as one JSON value), so their plans are kept.
    const rows = JSON.stringify(events.map((e) => ({ id: e.id, type: e.type, at: e.occurredAt.toISOString(), data: e.data })));
    statements.push(sql`insert into machine_events (machine_id, event_id, org_id, type, occurred_at, received_at, data)
      select ${machineId}, e.id, ${ctx.orgId}, e.type, e.at, ${receivedAt.toISOString()}::timestamptz, e.data
      from jsonb_to_recordset(${rows}::jsonb) as e(id text, type text, at timestamptz, data jsonb)`);
    // The hours the machine reported in, for uptime. A restock a person records in the app is not the machine reporting.
    const hours = input.fromMachine ? [...new Set(events.map((e) => Math.floor(e.occurredAt.getTime() / HOUR_MS) * HOUR_MS))] : [];
    if (hours.length > 0) {
      statements.push(sql`insert into machine_report_hours (org_id, machine_id, hour)
        select ${ctx.orgId}, ${machineId}, h::timestamptz from jsonb_array_elements_text(${JSON.stringify(hours.map((ms) => new Date(ms).toISOString()))}::jsonb) as t(h)
        on conflict do nothing`);
    }
    const vends = planVends(ctx, { ...input, vends: [...ofType(events, "vend.succeeded"), ...ofType(events, "vend.failed")] });
    statements.push(...vends.statements);
    refundsOwed = vends.refundsOwed;

    const restocks = ofType(events, "inventory.restocked");
    const stock = stockChangeStatements(ctx, {
      machineId,
      receivedAt,
      slots: reads.slots,
      vends: ofType(events, "vend.succeeded").map((e) => ({ slot: e.data.slot, occurredAt: e.occurredAt, eventId: e.id })),
      restocks: restocks.flatMap((e) => e.data.slots.map((s) => ({ slot: s.slot, quantity: s.quantity, occurredAt: e.occurredAt }))),
      vendsAfter: reads.vendsAfter,
    });
    statements.push(...stock.statements);
    statements.push(
      serviceVisitsStatement(ctx, {
        machineId,
        visits: restocks.map((e) => ({ eventId: e.id, externalId: e.data.visitId ?? null, occurredAt: e.occurredAt, slots: e.data.slots })),
      }),
    );
    statements.push(
      cashCollectionsStatement(ctx, {
        machineId,
        collections: ofType(events, "cash.collected").map((e) => ({ eventId: e.id, amountMinor: e.data.amountMinor, currency: e.data.currency, occurredAt: e.occurredAt })),
      }),
    );
    applyFaults(reads.alerts, { events, clearances: reads.clearances });
    evaluateIngestRules(reads.alerts, {
      events,
      receivedAt,
      fromMachine: input.fromMachine,
      reads: reads.rules,
      slots: [...reads.slots.values()].map((s) => ({ code: s.code, stock: stock.stockAfter.get(s.code) ?? s.stock, par: s.parLevel, hasProduct: s.productId !== null })),
    });
    // Alerts before the machine's row: its status reads whether a critical fault is open.
    statements.push(...reads.alerts.statements());
  }
  // Last seen and the reported state are the machine's own: a restock a person records in the app
  // (same events, another actor) says nothing about whether the machine is online.
  const heartbeat = ofType(events, "machine.heartbeat").reduce<Of<"machine.heartbeat"> | null>((best, e) => (!best || e.occurredAt > best.occurredAt ? e : best), null);
  statements.push(
    machineReportStatement(ctx, {
      machineId,
      receivedAt,
      requestWindow: input.requestWindow,
      report:
        input.fromMachine && events.length > 0
          ? { heartbeat: heartbeat && { occurredAt: heartbeat.occurredAt, ...heartbeat.data }, faulted: hasOpenCriticalFault(ctx, { machineId }) }
          : null,
    }),
  );
  statements.push(stockoutsStatement(ctx, { machineId, events }));
  return { statements: statements.filter((s): s is SQL => s !== null), refundsOwed, announcements: reads.alerts.announced };
}

type Vend = Extract<MachineEvent, { type: "vend.succeeded" | "vend.failed" }>;

/**
 * Records a batch's vends as sales and settles what each one means for the customer: points for a
 * purchase, the online order it dispensed, the refund a failed paid vend owes.
 */
function planVends(
  ctx: ServiceCtx,
  input: { machineId: string; locationId: string | null; receivedAt: Date; reads: BatchReads; vends: Vend[]; inferred?: boolean },
): { statements: (SQL | null)[]; refundsOwed: number } {
  const { machineId, reads, vends } = input;
  if (vends.length === 0) return { statements: [], refundsOwed: 0 };
  // A vend of an online order is credited to whoever placed the order; its refund is the order's.
  const { recorded, statement } = recordVendsStatement(ctx, {
    machineId,
    locationId: input.locationId,
    receivedAt: input.receivedAt,
    vends: vends.map((e) => {
      const slot = reads.slots.get(e.data.slot)!;
      const order = e.data.orderId ? reads.orders.get(e.data.orderId) : undefined;
      const succeeded = e.type === "vend.succeeded";
      return {
        eventId: e.id,
        slotCode: e.data.slot,
        productId: slot.productId,
        succeeded,
        failureReason: e.type === "vend.failed" ? e.data.reason : null,
        priceMinor: e.data.priceMinor,
        costMinor: succeeded ? (slot.costMinor ?? 0) : 0,
        currency: e.data.currency,
        paymentMethod: e.data.payment.method,
        paymentReference: e.data.payment.reference ?? null,
        orderId: e.data.orderId ?? null,
        consumerId: order ? order.consumerId : (e.data.consumerId ?? null),
        occurredAt: e.occurredAt,
        inferred: input.inferred ?? false,
      };
    }),
  });
  const ordered = recorded.filter((r) => r.orderId && reads.orders.has(r.orderId));
  const orders = completeOrdersStatement(ctx, {
    machineId,
    reports: ordered.map((r) => ({ orderId: r.orderId!, saleId: r.id, succeeded: r.succeeded, reason: r.failureReason, at: r.occurredAt })),
  });
  // A failed vend paid at the machine owes a full refund. An online order's refund is the order's
  // own (above): paid once, refunded once.
  const owed = recorded.filter((r) => !r.succeeded && r.priceMinor > 0 && !(r.orderId && reads.orders.has(r.orderId)));
  const refunds = failedVendRefundsStatement(ctx, { at: input.receivedAt, vends: owed.map((r) => ({ ...r, saleId: r.id })) });
  for (const r of owed.filter((r) => r.paymentMethod === "cash")) {
    reads.alerts.raise({
      machineId,
      rule: "cash_refund_owed",
      code: "cash_refund_owed",
      severity: "warning",
      at: r.occurredAt,
      data: { saleId: r.id, slot: r.slotCode, amountMinor: r.priceMinor, currency: r.currency },
    });
  }
  // The worker is woken when a failed order vend may owe a refund; it finds none if the order was not paid.
  const orderRefunds = ordered.filter((r) => !r.succeeded).length;
  return {
    statements: [statement, ...accruePointsStatements(ctx, { pointsPerUnit: reads.pointsPerUnit, sold: recorded.filter((r) => r.succeeded) }), orders, refunds.statement],
    refundsOwed: refunds.owed + orderRefunds,
  };
}

/** Raises and resolves fault alerts in the order the faults occurred. */
function applyFaults(alerts: AlertBatch, { events, clearances }: { events: MachineEvent[]; clearances: { code: string; at: Date }[] }) {
  const faultEvents = events
    .filter((e): e is Of<"machine.fault"> | Of<"machine.fault_cleared"> => e.type === "machine.fault" || e.type === "machine.fault_cleared")
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  // Clearances stored before and in this batch: events may arrive out of order.
  const cleared = [...clearances, ...ofType(events, "machine.fault_cleared").map((e) => ({ code: e.data.code, at: e.occurredAt }))];
  for (const e of faultEvents) {
    if (e.type === "machine.fault_cleared") {
      alerts.resolve({ rule: "machine_fault", code: e.data.code, at: e.occurredAt });
      continue;
    }
    // If the machine already reported this fault cleared after it occurred, the fault is
    // recorded but goes straight to resolved.
    const clearance = cleared
      .filter((c) => c.code === e.data.code && c.at >= e.occurredAt)
      .reduce<{ at: Date } | null>((a, b) => (!a || b.at < a.at ? b : a), null);
    alerts.raise({
      machineId: alerts.machineId,
      rule: "machine_fault",
      code: e.data.code,
      severity: e.data.severity,
      at: e.occurredAt,
      data: e.data.message === undefined ? {} : { message: e.data.message },
    });
    if (clearance) alerts.resolve({ rule: "machine_fault", code: e.data.code, at: clearance.at });
  }
}
