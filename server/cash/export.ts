import "server-only";
import { stringify } from "csv-stringify/sync";
import type { ServiceCtx } from "../context";
import type { Locale } from "../i18n/locales";
import { documentsTranslator } from "../i18n/translator";
import { toMajorText } from "../money";
import type { CashFilter } from "./contract";
import { iterateCollections, type CollectionRow } from "./reports";

const columns = [
  "occurred_at_local",
  "occurred_at_utc",
  "collection_id",
  "machine",
  "location",
  "source",
  "technician",
  "route",
  "period_start_utc",
  "reported",
  "expected",
  "counted",
  "variance",
  "currency",
  "note",
] as const;

const money = (minor: number | null, currency: string) => (minor === null ? "" : toMajorText(minor, currency));

function csvRows(rows: CollectionRow[], timeZone: string): string {
  const local = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" });
  return stringify(
    rows.map((r) => [
      local.format(r.occurredAt),
      r.occurredAt.toISOString(),
      r.id,
      r.machineName,
      r.locationName ?? "",
      r.source,
      r.technicianName ?? "",
      r.routeName ?? "",
      r.periodStart?.toISOString() ?? "",
      money(r.reportedMinor, r.currency),
      money(r.expectedMinor, r.currency),
      money(r.countedMinor, r.currency),
      money(r.varianceMinor, r.currency),
      r.currency,
      r.note ?? "",
    ]),
  );
}

/**
 * The collections matching the filter as CSV (a byte order mark, headers in the reader's language), oldest first, streamed page by page as the client
 * reads; opened once its first page is read, so a filter the database refuses fails while the
 * caller can still answer with an error status. Run it in one tenant transaction for one snapshot.
 */
export async function openCashCsv(ctx: ServiceCtx, input: { filter: CashFilter; timeZone: string; locale?: Locale }): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const pages = iterateCollections(ctx, { filter: input.filter });
  const first = await pages.next();
  const t = documentsTranslator(input.locale);
  const head = stringify([columns.map((column) => t(`csv.cash.${column}`))], { bom: true });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(head + (first.done ? "" : csvRows(first.value, input.timeZone))));
        if (first.done) controller.close();
      },
      async pull(controller) {
        try {
          const page = await pages.next();
          if (page.done) controller.close();
          else controller.enqueue(encoder.encode(csvRows(page.value, input.timeZone)));
        } catch (error) {
          console.error("[cash export]", error);
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
