import "server-only";
import { and, eq, or } from "drizzle-orm";
import type { Db } from "~/db/client";
import { locations, machines, orders, organizations, refunds, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { receiptLines, type Purchase, type PurchaseStatus, type ReceiptDocument, type ReceiptSeller } from "./contract";

/** The seller's details and time zone, as receipts print them, read under the operator's tenant. */
export async function sellerOf(db: Db, orgId: string): Promise<ReceiptSeller & { timeZone: string }> {
  const [org] = await withTenant(db, { orgId }, (tx) =>
    tx
      .select({
        name: organizations.name,
        legalName: organizations.legalName,
        address: organizations.legalAddress,
        vatNumber: organizations.vatNumber,
        supportEmail: organizations.supportEmail,
        timeZone: organizations.timeZone,
      })
      .from(organizations)
      .where(eq(organizations.id, orgId)),
  );
  return org ?? { name: "Unknown operator", legalName: null, address: null, vatNumber: null, supportEmail: null, timeZone: "UTC" };
}

type ReceiptFacts = Pick<
  Purchase,
  "id" | "orderId" | "occurredAt" | "machineName" | "location" | "product" | "amountMinor" | "currency" | "paymentMethod" | "status" | "vatRateBp" | "refund"
>;

/** A purchase as its receipt: the number is the order's id for an online order, so both ways to it print the same. */
export function receiptDocument(p: ReceiptFacts, seller: ReceiptSeller & { timeZone: string }): ReceiptDocument {
  const { timeZone, ...sellerDetails } = seller;
  return {
    number: p.orderId ?? p.id,
    occurredAt: p.occurredAt,
    timeZone,
    currency: p.currency,
    seller: sellerDetails,
    machineName: p.machineName,
    location: p.location,
    paymentMethod: p.paymentMethod,
    status: p.status,
    ...receiptLines(p),
  };
}

const ORDER_STATUS: Record<(typeof orders.$inferSelect)["status"], PurchaseStatus> = {
  awaiting_payment: "awaiting_payment",
  paid: "paid",
  dispensed: "dispensed",
  failed: "not_dispensed",
  expired: "not_vended",
  canceled: "canceled",
};

/**
 * An online order's receipt, for whoever holds the order's (unguessable) link, as the order page
 * itself is. Null for an id no order has. Prints what the consumer's own receipt prints.
 */
export async function orderReceipt(db: Db, { orderId }: { orderId: string }): Promise<ReceiptDocument | null> {
  if (orderId.length > 64) return null;
  // The owner connection reads only which org the id belongs to; the rest runs under that tenant.
  const [owner] = await db.select({ orgId: orders.orgId }).from(orders).where(eq(orders.id, orderId));
  if (!owner) return null;
  const orgId = owner.orgId;
  const row = await withTenant(db, { orgId }, async (tx) => {
    const [found] = await tx
      .select({ order: orders, sale: sales, machineName: machines.name, location: locations.name })
      .from(orders)
      .innerJoin(machines, eq(machines.id, orders.machineId))
      .leftJoin(locations, eq(locations.id, machines.locationId))
      .leftJoin(sales, eq(sales.id, orders.saleId))
      .where(and(eq(orders.id, orderId), eq(orders.orgId, orgId)));
    if (!found) return null;
    const [refund] = await tx
      .select({ id: refunds.id, status: refunds.status, amountMinor: refunds.amountMinor })
      .from(refunds)
      .where(and(eq(refunds.orgId, orgId), found.order.saleId ? or(eq(refunds.orderId, orderId), eq(refunds.saleId, found.order.saleId)) : eq(refunds.orderId, orderId)))
      .limit(1);
    return { ...found, refund: refund ?? null };
  });
  if (!row) return null;
  const { order, sale } = row;
  const facts: ReceiptFacts = {
    id: sale?.id ?? order.id,
    orderId: order.id,
    occurredAt: sale?.occurredAt ?? order.createdAt,
    machineName: row.machineName,
    location: row.location,
    product: order.productName,
    amountMinor: order.amountMinor,
    currency: order.currency,
    paymentMethod: order.paymentMethod ?? sale?.paymentMethod ?? null,
    status: sale ? (sale.status === "succeeded" ? "dispensed" : "not_dispensed") : ORDER_STATUS[order.status],
    vatRateBp: sale?.vatRateBp ?? order.vatRateBp,
    refund: row.refund,
  };
  return receiptDocument(facts, await sellerOf(db, orgId));
}
