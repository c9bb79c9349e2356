import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { locations, machines, orders, organizations, products, refunds, slots } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { ServiceError, fieldError, notFound } from "../errors";
import { fleetStatus, reachableStatuses } from "~/server/fleet";
import { CHECKOUT_METHODS, createOrderInput, paymentsMessages, type CheckoutMenu, type CreatedOrder, type OrderView, type OrgCheckoutMethod } from "./contract";
import { enabledProviderFor, isOrgProviderName, notifyPathOf } from "./org-providers";
import type { OrgProviderName } from "./provider-configs";
import { markOrderPaid, orderTiming, orgOf } from "./orders";
import { ProviderError, type PaymentProvider } from "./payment-provider";

// The consumer's side of an online order: the machine's checkout menu, placing the order and
// opening the provider's checkout, and the order as its link shows it. What happens to an order
// once it exists (payment, vend command, completion, expiry) is in orders.ts.

const newCommandId = () => newId("cmd");

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
  const orgId = await orgOf(db, { table: machines, id: machineId });
  if (!orgId) return null;
  return withTenant(db, { orgId }, async (tx) => {
    const [head] = await tx
      .select({
        id: machines.id,
        name: machines.name,
        location: locations.name,
        disabledAt: machines.disabledAt,
        status: fleetStatus(),
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
    const online = reachableStatuses.includes(head.status);
    const sellable = online && !head.disabledAt;
    return {
      machine: { id: head.id, name: head.name, location: head.location, online, disabled: head.disabledAt !== null },
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

/** Who places an order and where its checkout sends them back, beside the item chosen. */
export interface OrderPlacement {
  /** The deployment's provider (Stripe or the demo), for orders without a `method`; null: none. */
  provider: PaymentProvider | null;
  /** The consumer's IP address (WeChat Pay H5 needs it). */
  clientIp?: string | null;
  /** The signed-in consumer, or null for a guest. */
  consumerId: string | null;
  baseUrl: string;
  now?: Date;
}

/**
 * Places an order for one item of a slot and opens the provider's checkout for it. The order row
 * is committed first, so a checkout always has an order to come back to; a provider that settles
 * at once (the demo) marks it paid right away. Runs outside any one org: the machine names it.
 */
export async function createOrder(db: Db, raw: z.input<typeof createOrderInput> & OrderPlacement): Promise<CreatedOrder> {
  const input = createOrderInput.parse(raw);
  const { consumerId, baseUrl } = raw;
  const now = raw.now ?? new Date();
  const orgId = await orgOf(db, { table: machines, id: input.machineId });
  if (!orgId) throw notFound("Machine");
  const provider = await checkoutProvider(db, orgId, input.method, raw.provider);
  const order = await withTenant(db, { orgId, userId: consumerId }, async (tx) => {
    const [machine] = await tx
      .select({ id: machines.id, disabledAt: machines.disabledAt, status: fleetStatus(now) })
      .from(machines)
      .where(and(eq(machines.id, input.machineId), eq(machines.orgId, orgId)));
    if (!machine) throw notFound("Machine");
    if (machine.disabledAt) throw new ServiceError("CONFLICT", paymentsMessages.machine_out_of_service);
    if (!reachableStatuses.includes(machine.status)) throw new ServiceError("CONFLICT", paymentsMessages.machine_offline);
    const menu = await getMenuItem(tx, orgId, input.machineId, input.slot);
    if (!menu) throw fieldError("slot", paymentsMessages.slot_not_sold, { slot: input.slot });
    if (!menu.active || menu.stock - menu.held <= 0) throw new ServiceError("CONFLICT", paymentsMessages.sold_out, { product: menu.name });
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
        vatRateBp: menu.vatRateBp,
        provider: provider.name,
        checkoutExpiresAt: new Date(now.getTime() + orderTiming.checkoutMinutes * 60_000),
        consumerId,
        commandId: newCommandId(),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return created!;
  });

  const orderUrl = `${baseUrl}/order/${order.id}`;
  let checkout;
  try {
    checkout = await provider.createCheckout({
      orderId: order.id,
      amountMinor: order.amountMinor,
      currency: order.currency,
      description: `${order.productName} (slot ${order.slotCode})`,
      successUrl: orderUrl,
      cancelUrl: `${baseUrl}/m/${order.machineId}?canceled=${order.id}`,
      methods: CHECKOUT_METHODS,
      expiresAt: order.checkoutExpiresAt,
      channel: input.channel,
      clientIp: raw.clientIp ?? undefined,
      notifyUrl: isOrgProviderName(provider.name) ? `${baseUrl}${notifyPathOf(provider.name, orgId)}` : undefined,
    });
  } catch (error) {
    await withTenant(db, { orgId }, (tx) =>
      tx
        .update(orders)
        .set({ status: "canceled", failureReason: "checkout_unavailable", updatedAt: sql`now()` })
        .where(and(eq(orders.id, order.id), eq(orders.orgId, orgId))),
    );
    const retryable = error instanceof ProviderError ? error.retryable : true;
    throw retryable
      ? new ServiceError("TOO_MANY_REQUESTS", paymentsMessages.provider_unavailable, {}, { retryAfterSeconds: 5 })
      : new ServiceError("BAD_REQUEST", paymentsMessages.provider_refused);
  }
  await withTenant(db, { orgId }, (tx) =>
    tx
      .update(orders)
      .set({ checkoutSessionId: checkout.sessionId, checkoutUrl: checkout.url, checkoutQrCode: checkout.qrCode ?? null, updatedAt: sql`now()` })
      .where(and(eq(orders.id, order.id), eq(orders.orgId, orgId))),
  );
  if (checkout.paymentReference) {
    await markOrderPaid(db, { orderId: order.id, paymentReference: checkout.paymentReference, paymentMethod: "online", source: { actor: "system", label: "Demo payments" }, at: now });
    return { orderId: order.id, redirectUrl: orderUrl };
  }
  // A QR code is shown on the order page, which waits there for the payment.
  return { orderId: order.id, redirectUrl: checkout.qrCode ? orderUrl : checkout.url };
}

const PROVIDER_OF_METHOD = { wechat_pay: "wechatpay", alipay: "alipay" } as const satisfies Record<OrgCheckoutMethod, OrgProviderName>;
const METHOD_LABELS: Record<OrgCheckoutMethod, string> = { wechat_pay: "WeChat Pay", alipay: "Alipay" };

/** The provider an order is paid through: the org's own WeChat Pay or Alipay when the consumer chose it, else the deployment's. */
async function checkoutProvider(db: Db, orgId: string, method: OrgCheckoutMethod | undefined, deployment: PaymentProvider | null): Promise<PaymentProvider> {
  if (method) {
    const own = await enabledProviderFor(db, { orgId, name: PROVIDER_OF_METHOD[method] });
    if (!own) throw fieldError("method", paymentsMessages.method_not_offered, { method: METHOD_LABELS[method] });
    return own;
  }
  if (!deployment) throw new ServiceError("CONFLICT", paymentsMessages.payments_not_set_up);
  return deployment;
}

async function getMenuItem(tx: Db, orgId: string, machineId: string, slot: string) {
  const [row] = await tx
    .select({
      productId: products.id,
      name: products.name,
      active: products.active,
      priceMinor: sql<number>`coalesce(${slots.priceOverrideMinor}, ${products.priceMinor})`,
      currency: organizations.currency,
      // Captured on the order: its receipt keeps the rate in force when it was placed.
      vatRateBp: sql<number>`coalesce(${products.vatRateBp}, ${organizations.defaultVatRateBp})`,
      stock: slots.stock,
      held: heldUnits(),
    })
    .from(slots)
    .innerJoin(products, eq(products.id, slots.productId))
    .innerJoin(organizations, eq(organizations.id, slots.orgId))
    .where(and(eq(slots.orgId, orgId), eq(slots.machineId, machineId), eq(slots.code, slot)));
  return row ? { ...row, priceMinor: Number(row.priceMinor), held: Number(row.held), vatRateBp: Number(row.vatRateBp) } : null;
}

/** An order as its link shows it: to whoever holds the (unguessable) order id. */
export async function getOrderView(db: Db, orderId: string): Promise<OrderView | null> {
  const orgId = await orgOf(db, { table: orders, id: orderId });
  if (!orgId) return null;
  return withTenant(db, { orgId }, async (tx) => {
    const [row] = await tx
      .select({
        order: orders,
        machineName: machines.name,
        location: locations.name,
        operator: organizations.name,
        supportEmail: organizations.supportEmail,
        legalName: organizations.legalName,
        legalAddress: organizations.legalAddress,
        vatNumber: organizations.vatNumber,
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
      operator: { name: row.operator, supportEmail: row.supportEmail, legalName: row.legalName, legalAddress: row.legalAddress, vatNumber: row.vatNumber },
      vatRateBp: o.vatRateBp,
      consumerId: o.consumerId,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      completedAt: o.completedAt,
      commandExpiresAt: o.commandExpiresAt,
      failureReason: o.failureReason,
      checkoutUrl: o.status === "awaiting_payment" ? o.checkoutUrl : null,
      checkoutQrCode: o.status === "awaiting_payment" ? o.checkoutQrCode : null,
      refund: row.refundId ? { id: row.refundId, status: row.refundStatus!, amountMinor: row.refundAmount!, updatedAt: row.refundUpdatedAt! } : null,
    };
  });
}
