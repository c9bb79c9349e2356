import "server-only";
import { stringify } from "csv-stringify/sync";
import type { ServiceCtx } from "../context";
import type { Locale } from "../i18n/locales";
import { documentsTranslator } from "../i18n/translator";
import { toMajorText } from "../money";
import type { SalesFilter } from "./contract";
import { iterateSales, type SaleRow } from "./sales";

const columns = [
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
  "inferred_from_audits",
] as const;

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
      r.inferred ? "yes" : "",
    ]),
  );
}

/** What a sales export covers, the zone its local times are written in, and the language of its headers. */
export interface SalesCsvInput {
  filter: SalesFilter;
  timeZone: string;
  locale?: Locale;
}

/**
 * Streams the sales matching the filter as CSV, oldest first: a byte order mark, so spreadsheets read
 * it as UTF-8, and headers in the reader's language. Rows are read in pages only as fast
 * as the client takes them, so an export of millions of sales holds a few pages in memory at most;
 * run it in one tenant transaction (`ctx.db`) for a consistent snapshot, kept until the stream ends.
 */
export function salesCsvStream(ctx: ServiceCtx, input: SalesCsvInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = iterateSales(ctx, { filter: input.filter });
  // The header goes out with the first page, so the first chunk exists only once a query has
  // succeeded: openSalesCsv waits for it before the export is answered.
  const t = documentsTranslator(input.locale);
  let head = stringify([columns.map((column) => t(`csv.sales.${column}`))], { bom: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const page = await pages.next();
          if (page.done) {
            if (head) controller.enqueue(encoder.encode(head));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(head + csvRows(page.value, input.timeZone)));
          head = "";
        } catch (error) {
          console.error("[sales export]", error);
          throw error;
        }
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 4 },
  );
}

/**
 * The sales CSV once its first page has been read: a filter the database refuses fails here, while
 * the caller can still answer with an error status, instead of as a 200 with a truncated body.
 */
export async function openSalesCsv(ctx: ServiceCtx, input: SalesCsvInput): Promise<ReadableStream<Uint8Array>> {
  const reader = salesCsvStream(ctx, input).getReader();
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
