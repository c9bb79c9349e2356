import { getDb } from "~/db/open";
import { handleApiRequest, listMachinesOperation } from "~/server/api";

export const dynamic = "force-dynamic";

/** The org's machines, a page at a time (`?limit=&cursor=`). */
export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  return handleApiRequest(await getDb(), request, { scope: "machines:read", handle: (ctx) => listMachinesOperation(ctx, query) });
}
