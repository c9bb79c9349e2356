import { stringify } from "csv-stringify/sync";
import { deliveryRouteDay, deliveryRouteDayInput, pickListCsvRows } from "~/server/replenishment";
import { orgDownload } from "~/server/web";

export const dynamic = "force-dynamic";

/** `GET /o/{org}/routes/{routeId}/pick-list.csv?day=`: the route's pick list for a day as CSV. */
export const GET = orgDownload({
  least: "viewer",
  read: (url, { routeId }: { org: string; routeId: string }) => ({ routeId, day: url.searchParams.get("day") || undefined }),
  input: deliveryRouteDayInput,
  file: async (ctx, { org, input, locale }) => {
    const day = await deliveryRouteDay(ctx, input);
    return { name: `${org.slug}-pick-list-${day.day}.csv`, type: "text/csv; charset=utf-8", body: stringify(pickListCsvRows(day, locale), { bom: true }) };
  },
});
