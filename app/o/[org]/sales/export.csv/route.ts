import { openSalesCsv, salesFilterInput } from "~/server/sales";
import { orgDownload } from "~/server/web";

export const dynamic = "force-dynamic";

/** `GET /o/{org}/sales/export.csv?from=&to=&machineId=...`: the filtered sales as a streamed CSV. */
export const GET = orgDownload({
  least: "viewer",
  read: (url) => Object.fromEntries([...url.searchParams].filter(([, value]) => value !== "")),
  input: salesFilterInput,
  file: async (ctx, { org, input, locale }) => ({
    name: `${org.slug}-sales-${input.from ?? "all"}-${input.to ?? "now"}.csv`,
    type: "text/csv; charset=utf-8",
    body: await openSalesCsv(ctx, { filter: input, timeZone: org.timeZone, locale }),
  }),
});
