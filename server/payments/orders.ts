import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { locations, machines, orders, organizations, products, refunds, slots, type Order, type PaymentMethod } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import type { Actor, ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { OFFLINE_AFTER_MINUTES } from "../fleet/fleet-views";
import { recordAudit } from "../tenancy/audit";
import { ProviderError, type CheckoutMethod, type PaymentProvider } from "./provider";

export const orderTiming = {
  /** How long a machine has to vend a paid order (PROTOCOL.md: the command's default expiry). */
  commandSeconds: 120,
  /** A report of the vend may still be in flight when the command expires; wait this long. */
  graceSeconds: 30,
  /** How long the checkout page accepts payment (Stripe's minimum is 30 minutes). */
  checkoutMinutes: 30,
};

const CHECKOUT_METHODS: CheckoutMethod[] = ["card", "alipay", "wechat_pay"];
const newCommandId = () => newId("cmd");
const systemCtx = (db: Db, orgId: string, actor: Actor): ServiceCtx => ({ db, orgId, actor, role: null });

/**
 * Which organization a public id belongs to. Runs on the owner connection: a consumer's request
 * names no tenant, and only the one row's org is read; everything else runs under that tenant.
 */
async function orgOf(db: Db, table: typeof machines | typeof orders, id: string): Promise<string | null> {
  const [row] = await db.select({ orgId: table.orgId }).from(table).where(eq(table.id, id));
  return row?.orgId ?? null;
}

export interface CheckoutMenuItem {
  slot: string;
  productId: string;
  name: string;
  category: string;
  imageUrl: string | null;
  priceMinor: number;
  stock: number;
  available: boolean;
}

export interface CheckoutMenu {
  machine: { id: string; name: string; location: string | null; online: boolean; disabled: boolean };
  operator: { name: string; supportEmail: string | null };
  currency: string;
  items: CheckoutMenuItem[];
}

/**
 * Units of the slot's stock held by paid orders not yet vended. An unpaid checkout holds nothing,
 * so abandoned checkouts cannot block a machine; if two pay for the last unit, the second vend
 * fails and is refunded.
 */
const heldUnits = () =>
  sql<number>`(select count(*)::int from ${orders} o where o.org_id = ${slots.orgId} and o.machine_id = ${slots.machineId}
    and o.slot_code = ${slots.code} and o.status = 'paid')`;

/** What a machine's checkout page offers: its planogram with prices and stock, sold-out items marked. */
export async function getCheckoutMenu(db: Db, machineId: string): Promise<CheckoutMenu | null> {
  const orgId = await orgOf(db, machines, machineId);
  if (!orgId) return null;
  return withTenant(db, orgId, async (tx) => {
    const [head] = await tx
      .select({
        id: machines.id,
        name: machines.name,
        location: locations.name,
        disabledAt: machines.disabledAt,
        online: sql<boolean>`(${machines.lastSeenAt} is not null and ${machines.lastSeenAt} > now() - make_interval(mins => ${OFFLINE_AFTER_MINUTES}))`,
        operator: organizations.name,
        supportEmail: organizations.supportEmail,
        currency: organizations.currency,
      })
      .from(machines)
      .innerJoin(organizations, eq(organizations.id, machines.orgId))
      .leftJoin(locations, eq(locations.id, machines.locationId))
      .where(and(eq(machines.id, machineId), eq(machines.orgId, orgId)));
    if (!head) return null;
    const rows = await tx
      .select({
        slot: slots.code,
        productId: products.id,
        name: products.name,
        category: products.category,
        imageUrl: products.imageUrl,
        active: products.active,
        priceMinor: sql<number>`coalesce(${slots.priceOverrideMinor}, ${products.priceMinor})`,
        stock: slots.stock,
        held: heldUnits(),
      })
      .from(slots)
      .innerJoin(products, eq(products.id, slots.productId))
      .where(and(eq(slots.orgId, orgId), eq(slots.machineId, machineId)))
      .orderBy(asc(slots.code));
    const sellable = head.online && !head.disabledAt;
    return {
      machine: { id: head.id, name: head.name, location: head.location, online: head.online, disabled: head.disabledAt !== null },
      operator: { name: head.operator, supportEmail: head.supportEmail },
      currency: head.currency,
      items: rows.map((r) => {
        const stock = Math.max(0, r.stock - Number(r.held));
        return {
          slot: r.slot,
          productId: r.productId,
          name: r.name,
          category: r.category,
          imageUrl: r.imageUrl,
          priceMinor: Number(r.priceMinor),
          stock,
          available: sellable && r.active && stock > 0,
        };
      }),
    };
  });
}

export const createOrderInput = z.object({
  machineId: z.string().min(1).max(64),
  slot: z.string().min(1).max(8),
});

export interface CreatedOrder {
  orderId: string;
  /** Where to send the consumer: the provider's checkout page, or the order page once paid. */
  redirectUrl: string;
}

/**
 * Places an order for one item of a slot and opens the provider's checkout for it. The order row
 * is committed first, so a checkout always has an order to come back to; a provider that settles
 * at once (the demo) marks it paid right away.
 */
export async function createOrder(
  db: Db,
  provider: PaymentProvider,
  raw: z.input<typeof createOrderInput>,
  options: { consumerId: string | null; baseUrl: string; now?: Date },
): Promise<CreatedOrder> {
  const input = createOrderInput.parse(raw);
  const now = options.now ?? new Date();
  const orgId = await orgOf(db, machines, input.machineId);
  if (!orgId) throw notFound("Machine");
  const order = await withTenant(db, { orgId, userId: options.consumerId }, async (tx) => {
    const [machine] = await tx
      .select({ id: machines.id, disabledAt: machines.disabledAt, lastSeenAt: machines.lastSeenAt })
      .from(machines)
      .where(and(eq(machines.id, input.machineId), eq(machines.orgId, orgId)));
    if (!machine) throw notFound("Machine");
    if (machine.disabledAt) throw new ServiceError("CONFLICT", "This machine is out of service. Please choose another machine.");
    if (!machine.lastSeenAt || now.getTime() - machine.lastSeenAt.getTime() > OFFLINE_AFTER_MINUTES * 60_000) {
      throw new ServiceError("CONFLICT", "This machine is offline right now, so it cannot take online orders. Please pay at the machine.");
    }
    const menu = await getMenuItem(tx, orgId, input.machineId, input.slot);
    if (!menu) throw new ServiceError("BAD_REQUEST", `Slot ${input.slot} is not sold on this machine.`, { fieldErrors: { slot: ["No such slot"] } });
    if (!menu.active || menu.stock - menu.held <= 0) throw new ServiceError("CONFLICT", `${menu.name} is sold out. Please choose something else.`);
    const [created] = await tx
      .insert(orders)
      .values({
        id: newId("ord"),
        orgId,
        machineId: input.machineId,
        slotCode: input.slot,
        productId: menu.productId,
        productName: menu.name,
        amountMinor: menu.priceMinor,
        currency: menu.currency,
        provider: provider.name,
        checkoutExpiresAt: new Date(now.getTime() + orderTiming.checkoutMinutes * 60_000),
        consumerId: options.consumerId,
        commandId: newCommandId(),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return created!;
  });

  const orderUrl = `${options.baseUrl}/order/${order.id}`;
  let checkout;
  try {
    checkout = await provider.createCheckout({
      orderId: order.id,
      amountMinor: order.amountMinor,
      currency: order.currency,
      description: `${order.productName} (slot ${order.slotCode})`,
      successUrl: orderUrl,
      cancelUrl: `${options.baseUrl}/m/${order.machineId}?canceled=${order.id}`,
      methods: CHECKOUT_METHODS,
      expiresAt: order.checkoutExpiresAt,
    });
  } catch (error) {
    await withTenant(db, orgId, (tx) =>
      tx
        .update(orders)
        .set({ status: "canceled", failureReason: "checkout_unavailable", updatedAt: sql`now()` })
        .where(and(eq(orders.id, order.id), eq(orders.orgId, orgId))),
    );
    const retryable = error instanceof ProviderError ? error.retryable : true;
    throw new ServiceError(
      retryable ? "TOO_MANY_REQUESTS" : "BAD_REQUEST",
      retryable ? "The payment service did not answer. Please try again in a moment." : "The payment service refused this order.",
      retryable ? { retryAfterSeconds: 5 } : {},
    );
  }
  await withTenant(db, orgId, (tx) =>
    tx
      .update(orders)
      .set({ checkoutSessionId: checkout.sessionId, checkoutUrl: checkout.url, updatedAt: sql`now()` })
      .where(and(eq(orders.id, order.id), eq(orders.orgId, orgId))),
  );
  if (checkout.paymentReference) {
    await markOrderPaid(db, { orderId: order.id, paymentReference: checkout.paymentReference, paymentMethod: "online", actor: { type: "system", label: "Demo payments" } }, now);
    return { orderId: order.id, redirectUrl: orderUrl };
  }
  return { orderId: order.id, redirectUrl: checkout.url };
}

async function getMenuItem(tx: Db, orgId: string, machineId: string, slot: string) {
  const [row] = await tx
    .select({
      productId: products.id,
      name: products.name,
      active: products.active,
      priceMinor: sql<number>`coalesce(${slots.priceOverrideMinor}, ${products.priceMinor})`,
      currency: organizations.currency,
      stock: slots.stock,
      held: heldUnits(),
    })
    .from(slots)
    .innerJoin(products, eq(products.id, slots.productId))
    .innerJoin(organizations, eq(organizations.id, slots.orgId))
    .where(and(eq(slots.orgId, orgId), eq(slots.machineId, machineId), eq(slots.code, slot)));
  return row ? { ...row, priceMinor: Number(row.priceMinor), held: Number(row.held) } : null;
}

export interface PaymentNotice {
  orderId?: string;
  checkoutSessionId?: string;
  paymentReference: string;
  paymentMethod: PaymentMethod;
  actor: Actor;
}

/**
 * Marks an order paid: from then on it is a vend command for its machine. Idempotent: a second
 * notice of the same payment changes nothing. A payment that arrives for an order already given
 * up on (canceled) is refunded at once, so no consumer pays for nothing.
 */
export async function markOrderPaid(db: Db, notice: PaymentNotice, now = new Date()): Promise<Order | null> {
  const key = notice.orderId ? eq(orders.id, notice.orderId) : notice.checkoutSessionId ? eq(orders.checkoutSessionId, notice.checkoutSessionId) : null;
  if (!key) return null;
  const [found] = await db.select({ id: orders.id, orgId: orders.orgId }).from(orders).where(key);
  if (!found) return null;
  return withTenant(db, found.orgId, async (tx) => {
    const ctx = systemCtx(tx, found.orgId, notice.actor);
    const [paid] = await tx
      .update(orders)
      .set({
        status: "paid",
        paymentReference: notice.paymentReference,
        paymentMethod: notice.paymentMethod,
        paidAt: now,
        commandExpiresAt: new Date(now.getTime() + orderTiming.commandSeconds * 1000),
        updatedAt: now,
      })
      .where(and(eq(orders.id, found.id), eq(orders.orgId, found.orgId), eq(orders.status, "awaiting_payment")))
      .returning();
    if (paid) {
      await recordAudit(ctx, { action: "order.paid", targetType: "order", targetId: paid.id, data: { amountMinor: paid.amountMinor, currency: paid.currency } });
      return paid;
    }
    const [order] = await tx.select().from(orders).where(and(eq(orders.id, found.id), eq(orders.orgId, found.orgId)));
    if (order && order.status === "canceled" && !order.paymentReference) {
      const [late] = await tx
        .update(orders)
        .set({ paymentReference: notice.paymentReference, paymentMethod: notice.paymentMethod, paidAt: now, updatedAt: now })
        .where(and(eq(orders.id, order.id), eq(orders.orgId, order.orgId)))
        .returning();
      await owedRefundForOrder(ctx, late!, "paid_after_cancel");
      return late!;
    }
    return order ?? null;
  });
}

/** Cancels an order whose checkout ended unpaid (Stripe's checkout.session.expired). */
export async function cancelUnpaidOrder(db: Db, checkoutSessionId: string, actor: Actor): Promise<void> {
  const [found] = await db.select({ id: orders.id, orgId: orders.orgId }).from(orders).where(eq(orders.checkoutSessionId, checkoutSessionId));
  if (!found) return;
  await withTenant(db, found.orgId, async (tx) => {
    const [canceled] = await tx
      .update(orders)
      .set({ status: "canceled", failureReason: "checkout_expired", completedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(orders.id, found.id), eq(orders.orgId, found.orgId), eq(orders.status, "awaiting_payment")))
      .returning({ id: orders.id });
    if (canceled) await recordAudit(systemCtx(tx, found.orgId, actor), { action: "order.canceled", targetType: "order", targetId: found.id, data: { reason: "checkout_expired" } });
  });
}

/** The refund an order owes: the whole amount, back to the payment it was made with. One per order. */
export async function owedRefundForOrder(ctx: ServiceCtx, order: Order, reason: string, saleId: string | null = null): Promise<boolean> {
  if (!order.paymentReference || order.paymentMethod === null) return false;
  const inserted = await ctx.db
    .insert(refunds)
    .values({
      id: newId("rfd"),
      orgId: order.orgId,
      orderId: order.id,
      saleId,
      consumerId: order.consumerId,
      origin: "automatic",
      amountMinor: order.amountMinor,
      currency: order.currency,
      paymentMethod: order.paymentMethod,
      paymentReference: order.paymentReference,
      reason,
    })
    .onConflictDoNothing()
    .returning({ id: refunds.id });
  return inserted.length > 0;
}

/** The vend commands a machine should carry out now: its paid orders whose command has not expired. */
export async function pendingCommands(ctx: ServiceCtx, machineId: string, now: Date) {
  const rows = await ctx.db
    .select({ id: orders.commandId, orderId: orders.id, slot: orders.slotCode, expiresAt: orders.commandExpiresAt })
    .from(orders)
    .where(and(eq(orders.orgId, ctx.orgId), eq(orders.machineId, machineId), eq(orders.status, "paid"), sql`${orders.commandExpiresAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(orders.paidAt));
  return rows.map((r) => ({ id: r.id, type: "vend" as const, orderId: r.orderId, slot: r.slot, expiresAt: r.expiresAt!.toISOString() }));
}

export interface VendReport {
  orderId: string;
  saleId: string;
  succeeded: boolean;
  reason: string | null;
  at: Date;
}

/**
 * Completes orders from the machine's reports of their vends, in the ingest transaction: a vend
 * that succeeded dispenses the order; one that failed owes its refund. Returns the refunds owed.
 * A report for an order of another machine, or one already complete, changes nothing.
 */
export async function completeOrders(ctx: ServiceCtx, machineId: string, reports: VendReport[]): Promise<number> {
  if (reports.length === 0) return 0;
  const open = await ctx.db
    .select()
    .from(orders)
    .where(and(eq(orders.orgId, ctx.orgId), eq(orders.machineId, machineId), inArray(orders.id, reports.map((r) => r.orderId))))
    .for("update");
  const byId = new Map(open.map((o) => [o.id, o]));
  let owed = 0;
  for (const report of reports) {
    const order = byId.get(report.orderId);
    if (!order) continue;
    if (order.status === "paid") {
      await ctx.db
        .update(orders)
        .set({
          status: report.succeeded ? "dispensed" : "failed",
          saleId: report.saleId,
          failureReason: report.succeeded ? null : report.reason,
          completedAt: report.at,
          updatedAt: sql`now()`,
        })
        .where(and(eq(orders.id, order.id), eq(orders.orgId, ctx.orgId)));
      if (!report.succeeded && (await owedRefundForOrder(ctx, order, `vend_failed:${report.reason ?? "other"}`, report.saleId))) owed++;
    } else if (order.status === "expired" && order.saleId === null) {
      // The report came in after the command expired: keep the link to the sale for the record.
      await ctx.db.update(orders).set({ saleId: report.saleId, updatedAt: sql`now()` }).where(and(eq(orders.id, order.id), eq(orders.orgId, ctx.orgId)));
    }
    byId.delete(report.orderId);
  }
  return owed;
}

/** The orders the machine reported on, keyed by id, with who ordered them (to credit the sale). */
export async function ordersForReports(ctx: ServiceCtx, machineId: string, orderIds: string[]) {
  if (orderIds.length === 0) return new Map<string, { consumerId: string | null; paymentReference: string | null }>();
  const rows = await ctx.db
    .select({ id: orders.id, consumerId: orders.consumerId, paymentReference: orders.paymentReference })
    .from(orders)
    .where(and(eq(orders.orgId, ctx.orgId), eq(orders.machineId, machineId), inArray(orders.id, orderIds)));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ExpiryResult {
  expired: number;
  canceled: number;
  refundsOwed: number;
}

/**
 * Gives up on orders whose time ran out: paid but not vended before the command expired (plus a
 * grace for reports in flight) are expired and refunded in the same transaction; unpaid ones
 * past their checkout are canceled. Finds due orders across orgs, then acts under each org.
 */
export async function expireOrders(db: Db, now = new Date()): Promise<ExpiryResult> {
  const graceCutoff = new Date(now.getTime() - orderTiming.graceSeconds * 1000);
  const due = await db
    .selectDistinct({ orgId: orders.orgId })
    .from(orders)
    .where(
      sql`(${orders.status} = 'paid' and ${orders.commandExpiresAt} < ${graceCutoff.toISOString()}::timestamptz)
        or (${orders.status} = 'awaiting_payment' and ${orders.checkoutExpiresAt} < ${now.toISOString()}::timestamptz)`,
    );
  const result: ExpiryResult = { expired: 0, canceled: 0, refundsOwed: 0 };
  for (const { orgId } of due) {
    await withTenant(db, orgId, async (tx) => {
      const ctx = systemCtx(tx, orgId, { type: "job", label: "Order expiry" });
      const expired = await tx
        .update(orders)
        .set({ status: "expired", failureReason: "not_vended_in_time", completedAt: now, updatedAt: now })
        .where(and(eq(orders.orgId, orgId), eq(orders.status, "paid"), lt(orders.commandExpiresAt, graceCutoff)))
        .returning();
      for (const order of expired) {
        if (await owedRefundForOrder(ctx, order, "order_expired")) result.refundsOwed++;
        await recordAudit(ctx, { action: "order.expired", targetType: "order", targetId: order.id, data: { amountMinor: order.amountMinor, currency: order.currency } });
      }
      const canceled = await tx
        .update(orders)
        .set({ status: "canceled", failureReason: "checkout_expired", completedAt: now, updatedAt: now })
        .where(and(eq(orders.orgId, orgId), eq(orders.status, "awaiting_payment"), lt(orders.checkoutExpiresAt, now)))
        .returning({ id: orders.id });
      result.expired += expired.length;
      result.canceled += canceled.length;
    });
  }
  return result;
}

export interface OrderView {
  id: string;
  status: Order["status"];
  productName: string;
  slot: string;
  amountMinor: number;
  currency: string;
  provider: string;
  paymentMethod: PaymentMethod | null;
  machine: { id: string; name: string; location: string | null };
  operator: { name: string; supportEmail: string | null };
  consumerId: string | null;
  createdAt: Date;
  paidAt: Date | null;
  completedAt: Date | null;
  commandExpiresAt: Date | null;
  failureReason: string | null;
  checkoutUrl: string | null;
  refund: { id: string; status: string; amountMinor: number; updatedAt: Date } | null;
}

/** An order as its link shows it: to whoever holds the (unguessable) order id. */
export async function getOrderView(db: Db, orderId: string): Promise<OrderView | null> {
  const orgId = await orgOf(db, orders, orderId);
  if (!orgId) return null;
  return withTenant(db, orgId, async (tx) => {
    const [row] = await tx
      .select({
        order: orders,
        machineName: machines.name,
        location: locations.name,
        operator: organizations.name,
        supportEmail: organizations.supportEmail,
        refundId: refunds.id,
        refundStatus: refunds.status,
        refundAmount: refunds.amountMinor,
        refundUpdatedAt: refunds.updatedAt,
      })
      .from(orders)
      .innerJoin(machines, eq(machines.id, orders.machineId))
      .innerJoin(organizations, eq(organizations.id, orders.orgId))
      .leftJoin(locations, eq(locations.id, machines.locationId))
      .leftJoin(refunds, eq(refunds.orderId, orders.id))
      .where(and(eq(orders.id, orderId), eq(orders.orgId, orgId)));
    if (!row) return null;
    const o = row.order;
    return {
      id: o.id,
      status: o.status,
      productName: o.productName,
      slot: o.slotCode,
      amountMinor: o.amountMinor,
      currency: o.currency,
      provider: o.provider,
      paymentMethod: o.paymentMethod,
      machine: { id: o.machineId, name: row.machineName, location: row.location },
      operator: { name: row.operator, supportEmail: row.supportEmail },
      consumerId: o.consumerId,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      completedAt: o.completedAt,
      commandExpiresAt: o.commandExpiresAt,
      failureReason: o.failureReason,
      checkoutUrl: o.status === "awaiting_payment" ? o.checkoutUrl : null,
      refund: row.refundId ? { id: row.refundId, status: row.refundStatus!, amountMinor: row.refundAmount!, updatedAt: row.refundUpdatedAt! } : null,
    };
  });
}
