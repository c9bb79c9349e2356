// The sales domain's contract: the vocabulary of sales and the filter every sales view and export
// takes. No database imports: the browser reads filters from the URL with these too.
import { z } from "zod";
import type { PaymentMethod, saleStatus } from "~/db/schema";
import { dayRange } from "~/server/input/calendar";
import { pageCursor } from "~/server/input/cursor";

export type { PaymentMethod } from "~/db/schema";
export type SaleStatus = (typeof saleStatus.enumValues)[number];

/** How a vend was paid for. */
export const paymentMethods = ["cash", "card", "alipay", "wechat_pay", "online", "free"] as const satisfies readonly PaymentMethod[];

/** Whether the machine dispensed. */
export const saleStatuses = ["succeeded", "failed"] as const satisfies readonly SaleStatus[];

/** `from` and `to` are the first and last day, inclusive, in the org's time zone. */
export const salesFilterInput = dayRange({
  machineId: z.string().max(64).optional(),
  locationId: z.string().max(64).optional(),
  productId: z.string().max(64).optional(),
  paymentMethod: z.enum(paymentMethods).optional(),
  status: z.enum(saleStatuses).optional(),
});

export type SalesFilter = z.infer<typeof salesFilterInput>;

export const listSalesInput = salesFilterInput.and(
  z.object({
    cursor: pageCursor.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  }),
);
