import { stringify } from "csv-stringify/sync";
import { getDb } from "~/db/open";
import { withTenant } from "~/db/tenant";
import { currentUser } from "~/server/auth";
import { ServiceError } from "~/server/errors";
import { findUnsafeText } from "~/server/input/text";
import { pickListCsvRows, routeDay, routeDayInput } from "~/server/replenishment";
import { resolveMembership } from "~/server/tenancy";

export const dynamic = "force-dynamic";

/** `GET /o/{org}/routes/{routeId}/pick-list.csv?day=`: the route's pick list for a day as CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ org: string; routeId: string }> }) {
  const { org: slug, routeId } = await params;
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to download the pick list." }, { status: 401 });
  const day = new URL(request.url).searchParams.get("day") || undefined;
  const unsafe = findUnsafeText({ org: slug, routeId, day });
  if (unsafe) return Response.json({ error: unsafe.message }, { status: 400 });
  const db = await getDb();
  const membership = await resolveMembership(db, user.id, slug);
  if (!membership) return Response.json({ error: "Not found." }, { status: 404 });
  const input = routeDayInput.safeParse({ routeId, day });
  if (!input.success) return Response.json({ error: input.error.issues[0]!.message }, { status: 400 });
  try {
    const orgId = membership.org.id;
    const day = await withTenant(db, { orgId, userId: user.id }, (tx) =>
      routeDay({ db: tx, orgId, role: membership.role, actor: { type: "user", id: user.id, label: user.name } }, input.data),
    );
    return new Response(stringify(pickListCsvRows(day)), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${membership.org.slug}-pick-list-${day.day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ServiceError) return Response.json({ error: error.message }, { status: error.kind === "NOT_FOUND" ? 404 : 400 });
    throw error;
  }
}
