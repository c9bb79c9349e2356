import { dailyJournal, journalCsv, journalExportInput } from "~/server/analytics";
import { orgDownload } from "~/server/web";

export const dynamic = "force-dynamic";

/**
 * `GET /o/{org}/accounting/journal.csv?from=YYYY-MM-DD&to=YYYY-MM-DD&format=xero|quickbooks`: the
 * org's daily journal over at most a year of its days, as the package's journal import file.
 */
export const GET = orgDownload({
  least: "manager",
  read: (url) => ({
    from: url.searchParams.get("from") ?? undefined,
    to: url.searchParams.get("to") ?? undefined,
    format: url.searchParams.get("format") ?? undefined,
  }),
  input: journalExportInput,
  file: async (ctx, { org, input }) => ({
    name: `${org.slug}-journal-${input.format}-${input.from}-${input.to}.csv`,
    type: "text/csv; charset=utf-8",
    body: journalCsv(await dailyJournal(ctx, input), input.format, { orgName: org.name }),
  }),
});
