import { cashFilterInput, openCashCsv } from "~/server/cash";
import { orgDownload } from "~/server/web";

export const dynamic = "force-dynamic";

/** `GET /o/{org}/cash/export.csv?fromMonth=&toMonth=&machineId=&technicianId=&routeId=&source=`: the filtered collections as a streamed CSV. */
export const GET = orgDownload({
  least: "viewer",
  read: (url) => Object.fromEntries([...url.searchParams].filter(([key, value]) => value !== "" && key !== "view")),
  input: cashFilterInput,
  file: async (ctx, { org, input, locale }) => ({
    name: `${org.slug}-cash-${input.fromMonth ?? "all"}-${input.toMonth ?? "now"}.csv`,
    type: "text/csv; charset=utf-8",
    body: await openCashCsv(ctx, { filter: input, timeZone: org.timeZone, locale }),
  }),
});
