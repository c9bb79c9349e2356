import { stringify } from "csv-stringify/sync";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import type { ServiceCtx } from "../context";
import { iterateSales, type SaleRow, type SalesFilter } from "./sales";

const header = [
  "occurred_at_local",
  "occurred_at_utc",
  "sale_id",
  "machine",
  "location",
  "slot",
  "sku",
  "product",
  "status",
  "failure_reason",
  "payment_method",
  "price",
  "cost",
  "currency",
  "refund_status",
];

const fractionDigits = new Map<string, number>();
/** Minor units as a decimal amount in the currency's own precision ("2.50", "250" for JPY). */
export function formatMinor(minor: number, currency: string): string {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigits.set(currency, digits);
  }
  return (minor / 10 ** digits).toFixed(digits);
}

function csvRows(rows: SaleRow[], timeZone: string): string {
  const local = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });
  return stringify(
    rows.map((r) => [
      local.format(r.occurredAt),
      r.occurredAt.toISOString(),
      r.id,
      r.machineName,
      r.locationName ?? "",
      r.slotCode,
      r.productSku ?? "",
      r.productName ?? "",
      r.status,
      r.failureReason ?? "",
      r.paymentMethod,
      formatMinor(r.priceMinor, r.currency),
      formatMinor(r.costMinor, r.currency),
      r.currency,
      r.refundStatus ?? "",
    ]),
  );
}

/**
 * Streams the sales matching `filter` as CSV, oldest first, from one tenant transaction (a
 * consistent snapshot). Rows are read in pages only as fast as the client takes them, so an export
 * of millions of sales holds a few pages in memory at most.
 */
export function salesCsvStream(db: Db, scope: { orgId: string; userId: string; timeZone: string }, filter: SalesFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let wake: (() => void) | null = null;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        void withTenant(db, { orgId: scope.orgId, userId: scope.userId }, async (tx) => {
          const ctx: ServiceCtx = { db: tx, orgId: scope.orgId, role: null, actor: { type: "user", id: scope.userId, label: "" } };
          controller.enqueue(encoder.encode(stringify([header])));
          for await (const rows of iterateSales(ctx, filter)) {
            if (cancelled) return;
            controller.enqueue(encoder.encode(csvRows(rows, scope.timeZone)));
            while (!cancelled && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (wake = resolve));
          }
        })
          .then(() => !cancelled && controller.close())
          .catch((error: unknown) => {
            console.error("[sales export]", error);
            if (!cancelled) controller.error(error);
          });
      },
      pull() {
        wake?.();
        wake = null;
      },
      cancel() {
        cancelled = true;
        wake?.();
      },
    },
    { highWaterMark: 4 },
  );
}
