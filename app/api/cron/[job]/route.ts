import { getDb } from "~/db/open";
import { authorizeCron, runCronJob } from "~/server/cron";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** `GET /api/cron/{job}` as Vercel Cron calls it, with `Authorization: Bearer CRON_SECRET`. */
export async function GET(request: Request, { params }: { params: Promise<{ job: string }> }) {
  if (!authorizeCron(request.headers.get("authorization"))) {
    return Response.json({ error: "Missing or wrong CRON_SECRET bearer token." }, { status: 401 });
  }
  const result = await runCronJob((await params).job, getDb);
  if (!result) return Response.json({ error: "No such job." }, { status: 404 });
  return Response.json(result, { headers: { "cache-control": "no-store" } });
}
