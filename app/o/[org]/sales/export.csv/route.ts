import { getDb } from "~/db/open";
import { currentUser } from "~/server/auth";
import { findUnsafeText } from "~/server/input/text";
import { openSalesCsv } from "~/server/sales";
import { salesFilterInput } from "~/server/sales";
import { resolveMembership } from "~/server/tenancy";
import { dataExceptionCode } from "~/server/input/data-exception";

export const dynamic = "force-dynamic";

/** `GET /o/{org}/sales/export.csv?from=&to=&machineId=...`: the filtered sales as a streamed CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const user = await currentUser();
  if (!user) return Response.json({ error: "Sign in to export sales." }, { status: 401 });
  const query = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const unsafe = findUnsafeText({ org: slug, ...query });
  if (unsafe) return Response.json({ error: unsafe.message }, { status: 400 });
  const db = await getDb();
  const membership = await resolveMembership(db, user.id, slug);
  if (!membership) return Response.json({ error: "Not found." }, { status: 404 });

  const filter = salesFilterInput.safeParse(query);
  if (!filter.success) {
    const issue = filter.error.issues[0]!;
    return Response.json({ error: `${issue.path.join(".") || "filter"}: ${issue.message}` }, { status: 400 });
  }
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await openSalesCsv(db, { orgId: membership.org.id, userId: user.id, timeZone: membership.org.timeZone }, filter.data);
  } catch (error) {
    if (!dataExceptionCode(error)) throw error;
    return Response.json({ error: "A filter value is out of range or malformed. Check the dates and ids in the link." }, { status: 400 });
  }
  const name = `${membership.org.slug}-sales-${filter.data.from ?? "all"}-${filter.data.to ?? "now"}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
