import { stringify } from "csv-stringify/sync";
import type { Db } from "~/db/client";
import { withTenant } from "~/db/tenant";
import type { ServiceCtx } from "../context";
import { toMajorText } from "../money";
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
      toMajorText(r.priceMinor, r.currency),
      toMajorText(r.costMinor, r.currency),
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
          // The header goes out with the first page, so the first chunk exists only once a query
          // has succeeded: openSalesCsv waits for it before answering 200.
          let head = stringify([header]);
          for await (const rows of iterateSales(ctx, filter)) {
            if (cancelled) return;
            controller.enqueue(encoder.encode(head + csvRows(rows, scope.timeZone)));
            head = "";
            while (!cancelled && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (wake = resolve));
          }
          if (head && !cancelled) controller.enqueue(encoder.encode(head));
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

/**
 * The sales CSV once its first page has been read: a filter the database refuses fails here, while
 * the route can still answer with an error status, instead of as a 200 with a truncated body.
 */
export async function openSalesCsv(db: Db, scope: { orgId: string; userId: string; timeZone: string }, filter: SalesFilter): Promise<ReadableStream<Uint8Array>> {
  const reader = salesCsvStream(db, scope, filter).getReader();
  const first = await reader.read();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(first.value);
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
