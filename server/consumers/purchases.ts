import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "~/db/client";
import { locations, loyaltyMembers, loyaltyPrograms, machines, orders, organizations, pointEntries, products, refundRequests, refunds, sales } from "~/db/schema";
import { withConsumer, withTenant } from "~/db/tenant";
import type { ConsumerCtx } from "../context";
import { notFound } from "../errors";
import { pageCursorAfter, readPageCursor } from "../input/cursor";
import { listPurchasesInput, receiptInput, type Purchase, type PurchaseStatus, type Receipt } from "./contract";
import { receiptDocument, sellerOf } from "./receipt-document";
import { tierFor } from "./loyalty";

/**
 * The consumer's side: purchases across operators, read through the consumer's own path
 * (`withConsumer`), with the names of machines, places and products read from each operator
 * under that operator's tenant.
 */

interface Names {
  operator: string;
  supportEmail: string | null;
  machines: Map<string, { name: string; locationId: string | null }>;
  locations: Map<string, string>;
  products: Map<string, string>;
}

/** Names of an operator's machines, places and products, read under that operator's tenant. */
async function namesFor(db: Db, orgId: string, ids: { machines: string[]; products: string[] }): Promise<Names> {
  return withTenant(db, { orgId }, async (tx) => {
    const [org] = await tx.select({ name: organizations.name, supportEmail: organizations.supportEmail }).from(organizations).where(eq(organizations.id, orgId));
    const ms = ids.machines.length
      ? await tx.select({ id: machines.id, name: machines.name, locationId: machines.locationId }).from(machines).where(and(eq(machines.orgId, orgId), inArray(machines.id, ids.machines)))
      : [];
    const locIds = [...new Set(ms.flatMap((m) => (m.locationId ? [m.locationId] : [])))];
    const ls = locIds.length ? await tx.select({ id: locations.id, name: locations.name }).from(locations).where(and(eq(locations.orgId, orgId), inArray(locations.id, locIds))) : [];
    const ps = ids.products.length
      ? await tx.select({ id: products.id, name: products.name }).from(products).where(and(eq(products.orgId, orgId), inArray(products.id, ids.products)))
      : [];
    return {
      operator: org?.name ?? "Unknown operator",
      supportEmail: org?.supportEmail ?? null,
      machines: new Map(ms.map((m) => [m.id, { name: m.name, locationId: m.locationId }])),
      locations: new Map(ls.map((l) => [l.id, l.name])),
      products: new Map(ps.map((p) => [p.id, p.name])),
    };
  });
}

type SaleRow = Awaited<ReturnType<typeof consumerSales>>[number];
type OrderRow = Awaited<ReturnType<typeof consumerOrders>>[number];

function consumerSales(tx: Db, consumerId: string, where?: ReturnType<typeof sql>, limit = 51) {
  return tx
    .select({
      id: sales.id,
      orgId: sales.orgId,
      occurredAt: sales.occurredAt,
      machineId: sales.machineId,
      locationId: sales.locationId,
      productId: sales.productId,
      slot: sales.slotCode,
      status: sales.status,
      priceMinor: sales.priceMinor,
      currency: sales.currency,
      vatRateBp: sales.vatRateBp,
      paymentMethod: sales.paymentMethod,
      orderId: sales.orderId,
      orderProduct: orders.productName,
      orderAmount: orders.amountMinor,
      orderMethod: orders.paymentMethod,
      refundId: refunds.id,
      refundStatus: refunds.status,
      refundAmount: refunds.amountMinor,
      requestId: refundRequests.id,
      requestStatus: refundRequests.status,
      decisionReason: refundRequests.decisionReason,
    })
    .from(sales)
    .leftJoin(orders, eq(orders.id, sales.orderId))
    .leftJoin(refunds, sql`${refunds.saleId} = ${sales.id} or (${sales.orderId} is not null and ${refunds.orderId} = ${sales.orderId})`)
    .leftJoin(refundRequests, eq(refundRequests.saleId, sales.id))
    .where(and(eq(sales.consumerId, consumerId), where))
    .orderBy(desc(sales.occurredAt), desc(sales.id))
    .limit(limit);
}

function consumerOrders(tx: Db, consumerId: string, where?: ReturnType<typeof sql>, limit = 51) {
  return tx
    .select({
      id: orders.id,
      orgId: orders.orgId,
      occurredAt: orders.createdAt,
      machineId: orders.machineId,
      productName: orders.productName,
      slot: orders.slotCode,
      status: orders.status,
      amountMinor: orders.amountMinor,
      currency: orders.currency,
      vatRateBp: orders.vatRateBp,
      paymentMethod: orders.paymentMethod,
      refundId: refunds.id,
      refundStatus: refunds.status,
      refundAmount: refunds.amountMinor,
    })
    .from(orders)
    .leftJoin(refunds, eq(refunds.orderId, orders.id))
    .where(and(eq(orders.consumerId, consumerId), isNull(orders.saleId), where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}

const ORDER_STATUS: Record<OrderRow["status"], PurchaseStatus> = {
  awaiting_payment: "awaiting_payment",
  paid: "paid",
  dispensed: "dispensed",
  failed: "not_dispensed",
  expired: "not_vended",
  canceled: "canceled",
};

async function withNames(db: Db, saleRows: SaleRow[], orderRows: OrderRow[]): Promise<Purchase[]> {
  const orgIds = [...new Set([...saleRows.map((r) => r.orgId), ...orderRows.map((r) => r.orgId)])];
  const names = new Map<string, Names>();
  for (const orgId of orgIds) {
    names.set(
      orgId,
      await namesFor(db, orgId, {
        machines: [...new Set([...saleRows, ...orderRows].filter((r) => r.orgId === orgId).map((r) => r.machineId))],
        products: [...new Set(saleRows.filter((r) => r.orgId === orgId && r.productId).map((r) => r.productId!))],
      }),
    );
  }
  const place = (n: Names, machineId: string) => {
    const m = n.machines.get(machineId);
    return { machineName: m?.name ?? "A machine", location: m?.locationId ? (n.locations.get(m.locationId) ?? null) : null };
  };
  const fromSales = saleRows.map((r): Purchase => {
    const n = names.get(r.orgId)!;
    return {
      id: r.id,
      kind: "sale",
      orgId: r.orgId,
      operator: n.operator,
      occurredAt: r.occurredAt,
      machineId: r.machineId,
      ...place(n, r.machineId),
      product: r.orderProduct ?? (r.productId ? n.products.get(r.productId) : undefined) ?? `Slot ${r.slot}`,
      slot: r.slot,
      amountMinor: r.orderAmount ?? r.priceMinor,
      currency: r.currency,
      paymentMethod: r.orderMethod ?? r.paymentMethod,
      status: r.status === "succeeded" ? "dispensed" : "not_dispensed",
      vatRateBp: r.vatRateBp,
      orderId: r.orderId,
      refund: r.refundId ? { id: r.refundId, status: r.refundStatus!, amountMinor: r.refundAmount! } : null,
      request: r.requestId ? { id: r.requestId, status: r.requestStatus!, decisionReason: r.decisionReason } : null,
    };
  });
  const fromOrders = orderRows.map((r): Purchase => {
    const n = names.get(r.orgId)!;
    return {
      id: r.id,
      kind: "order",
      orgId: r.orgId,
      operator: n.operator,
      occurredAt: r.occurredAt,
      machineId: r.machineId,
      ...place(n, r.machineId),
      product: r.productName,
      slot: r.slot,
      amountMinor: r.amountMinor,
      currency: r.currency,
      paymentMethod: r.paymentMethod,
      status: ORDER_STATUS[r.status],
      vatRateBp: r.vatRateBp,
      orderId: r.id,
      refund: r.refundId ? { id: r.refundId, status: r.refundStatus!, amountMinor: r.refundAmount! } : null,
      request: null,
    };
  });
  return [...fromSales, ...fromOrders].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
}

/**
 * The consumption bill: every purchase of the consumer across operators, newest first (date,
 * machine, place, product, amount, payment method, status, refund), a page at a time.
 */
export async function listPurchases(ctx: ConsumerCtx, raw: z.input<typeof listPurchasesInput> = {}) {
  const input = listPurchasesInput.parse(raw);
  const { db, consumerId } = ctx;
  // The input schema has refused a malformed cursor already.
  const after = input.cursor ? readPageCursor(input.cursor) : null;
  const { saleRows, orderRows } = await withConsumer(db, consumerId, async (tx) => ({
    saleRows: await consumerSales(tx, consumerId, after ? sql`(${sales.occurredAt}, ${sales.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined, input.limit + 1),
    orderRows: await consumerOrders(tx, consumerId, after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.atText}::timestamptz, ${after.id})` : undefined, input.limit + 1),
  }));
  const merged = await withNames(db, saleRows, orderRows);
  const pageRows = merged.slice(0, input.limit);
  const last = pageRows.at(-1);
  return { purchases: pageRows, nextCursor: merged.length > input.limit && last ? pageCursorAfter(last.occurredAt, last.id) : undefined };
}

/** The consumer's purchases with these sale ids, described as the bill shows them. */
export async function describeSales(ctx: ConsumerCtx, { saleIds }: { saleIds: string[] }): Promise<Map<string, Purchase>> {
  if (saleIds.length === 0) return new Map();
  const { db, consumerId } = ctx;
  const saleRows = await withConsumer(db, consumerId, (tx) => consumerSales(tx, consumerId, sql`${inArray(sales.id, saleIds)}`, saleIds.length));
  return new Map((await withNames(db, saleRows, [])).map((p) => [p.id, p]));
}

/** One purchase as a receipt, if it is the consumer's. */
export async function getReceipt(ctx: ConsumerCtx, raw: z.input<typeof receiptInput>): Promise<Receipt> {
  const { purchaseId } = receiptInput.parse(raw);
  const { db, consumerId } = ctx;
  const found = await withConsumer(db, consumerId, async (tx) => {
    const saleRows = await consumerSales(tx, consumerId, sql`${sales.id} = ${purchaseId} or ${sales.orderId} = ${purchaseId}`, 1);
    const orderRows = saleRows.length ? [] : await consumerOrders(tx, consumerId, sql`${orders.id} = ${purchaseId}`, 1);
    const points = saleRows[0]
      ? await tx.select({ points: sql<number>`coalesce(sum(${pointEntries.points}), 0)::int` }).from(pointEntries).where(eq(pointEntries.saleId, saleRows[0].id))
      : [];
    return { saleRows, orderRows, points: Number(points[0]?.points ?? 0) };
  });
  const [purchase] = await withNames(db, found.saleRows, found.orderRows);
  if (!purchase) throw notFound("Purchase");
  const seller = await sellerOf(db, purchase.orgId);
  return { ...purchase, supportEmail: seller.supportEmail, pointsEarned: found.points, document: receiptDocument(purchase, seller) };
}

/** The consumer's memberships: balance and tier with each operator that runs a program. */
export async function listMemberships(ctx: ConsumerCtx) {
  const { db, consumerId } = ctx;
  const members = await withConsumer(db, consumerId, (tx) => tx.select().from(loyaltyMembers).where(eq(loyaltyMembers.consumerId, consumerId)));
  const out = [];
  for (const m of members) {
    const program = await withTenant(db, { orgId: m.orgId }, async (tx) => {
      const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, m.orgId));
      const [p] = await tx.select().from(loyaltyPrograms).where(eq(loyaltyPrograms.orgId, m.orgId));
      return { operator: org?.name ?? "Unknown operator", tiers: [...(p?.tiers ?? [])].sort((a, b) => a.minPoints - b.minPoints), enabled: p?.enabled ?? false };
    });
    const tier = tierFor(m.points, program.tiers);
    const next = program.tiers.find((t) => t.minPoints > m.points) ?? null;
    out.push({ orgId: m.orgId, operator: program.operator, enabled: program.enabled, points: m.points, tier: tier?.name ?? null, nextTier: next, joinedAt: m.joinedAt });
  }
  return out.sort((a, b) => b.points - a.points);
}
