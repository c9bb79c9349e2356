import { getDb } from "~/db/open";
import { authorizeCron } from "~/server/jobs";
import { findJob } from "~/server/jobs";
import { runDue } from "~/server/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** `GET /api/cron/{job}` as Vercel Cron calls it, with `Authorization: Bearer CRON_SECRET`. */
export async function GET(request: Request, { params }: { params: Promise<{ job: string }> }) {
  if (!authorizeCron(request.headers.get("authorization"))) {
    return Response.json({ error: "Missing or wrong CRON_SECRET bearer token." }, { status: 401 });
  }
  const job = findJob((await params).job);
  if (!job) return Response.json({ error: "No such job." }, { status: 404 });
  const runs = await runDue(await getDb(), job, new Date(), "cron");
  return Response.json({ job: job.name, runs }, { headers: { "cache-control": "no-store" } });
}
