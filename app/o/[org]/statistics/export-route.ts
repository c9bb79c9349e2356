import { paymentMethodLabel } from "~/app/_components/payment-methods";
import { getDb } from "~/db/open";
import { monthInput } from "~/server/analytics";
import { statisticsCsv, statisticsForExport, statisticsPdf } from "~/server/analytics";
import { currentUser } from "~/server/auth";
import { findUnsafeText } from "~/server/input/text";
import { resolveMembership } from "~/server/tenancy";

const formats = {
  csv: { type: "text/csv; charset=utf-8", render: async (...a: Parameters<typeof statisticsCsv>) => statisticsCsv(...a) },
  pdf: { type: "application/pdf", render: async (...a: Parameters<typeof statisticsPdf>) => new Uint8Array(await statisticsPdf(...a)) },
};

/** `GET /o/{org}/statistics/export.{csv,pdf}?month=YYYY-MM`: a member's download of one month's statistics. */
export function statisticsExport(format: keyof typeof formats) {
  return async function GET(request: Request, { params }: { params: Promise<{ org: string }> }) {
    const { org: slug } = await params;
    const user = await currentUser();
    if (!user) return Response.json({ error: "Sign in to export statistics." }, { status: 401 });
    const month = new URL(request.url).searchParams.get("month") ?? "";
    const unsafe = findUnsafeText({ org: slug, month });
    if (unsafe) return Response.json({ error: unsafe.message }, { status: 400 });
    const db = await getDb();
    const membership = await resolveMembership(db, user.id, slug);
    if (!membership) return Response.json({ error: "Not found." }, { status: 404 });
    const parsed = monthInput.safeParse({ month });
    if (!parsed.success) return Response.json({ error: `month: ${parsed.error.issues[0]!.message}` }, { status: 400 });

    const stats = await statisticsForExport(db, { orgId: membership.org.id, userId: user.id }, parsed.data.month);
    if (!stats) return Response.json({ error: "No statistics for this month." }, { status: 404 });
    const body = await formats[format].render(stats, { orgName: membership.org.name, paymentMethodLabel });
    return new Response(body, {
      headers: {
        "content-type": formats[format].type,
        "content-disposition": `attachment; filename="${membership.org.slug}-statistics-${parsed.data.month}.${format}"`,
        "cache-control": "no-store",
      },
    });
  };
}
