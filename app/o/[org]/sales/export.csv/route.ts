import { getDb } from "~/db/open";
import { currentUser } from "~/server/auth/session";
import { salesCsvStream } from "~/server/sales/export";
import { salesFilterInput } from "~/server/sales/sales";
import { resolveMembership } from "~/server/tenancy/membership";

export const dynamic = "force-dynamic";

/** `GET /o/{org}/sales/export.csv?from=&to=&machineId=...`: the filtered sales as a streamed CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to export sales." }, { status: 401 });
  const db = await getDb();
  const membership = await resolveMembership(db, user.id, slug);
  if (!membership) return Response.json({ error: "Not found." }, { status: 404 });

  const query = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filter = salesFilterInput.safeParse(query);
  if (!filter.success) {
    const issue = filter.error.issues[0]!;
    return Response.json({ error: `${issue.path.join(".") || "filter"}: ${issue.message}` }, { status: 400 });
  }
  const stream = salesCsvStream(db, { orgId: membership.org.id, userId: user.id, timeZone: membership.org.timeZone }, filter.data);
  const name = `${membership.org.slug}-sales-${filter.data.from ?? "all"}-${filter.data.to ?? "now"}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
