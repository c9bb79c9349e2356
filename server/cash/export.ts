import "server-only";
import { stringify } from "csv-stringify/sync";
import type { ServiceCtx } from "../context";
import { toMajorText } from "../money";
import type { CashFilter } from "./contract";
import { iterateCollections, type CollectionRow } from "./reports";

const header = [
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
];

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
 * The collections matching the filter as CSV, oldest first, streamed page by page as the client
 * reads; opened once its first page is read, so a filter the database refuses fails while the
 * caller can still answer with an error status. Run it in one tenant transaction for one snapshot.
 */
export async function openCashCsv(ctx: ServiceCtx, input: { filter: CashFilter; timeZone: string }): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const pages = iterateCollections(ctx, { filter: input.filter });
  const first = await pages.next();
  const head = stringify([header]);
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
