import { getDb } from "~/db/open";
import { readBodyWithin } from "~/server/http/limited-body";
import { ALIPAY_NOTIFY_MAX_BYTES, answerAlipayNotification } from "~/server/payments";

export const dynamic = "force-dynamic";

/**
 * An org's Alipay notify URL (notify_url of its checkouts): a form-urlencoded POST, read as text
 * since the signature covers its fields. Alipay stops resending once the answer is `success`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const rawBody = await readBodyWithin(request, ALIPAY_NOTIFY_MAX_BYTES);
  if (rawBody === null) return new Response("fail", { status: 413, headers: { "content-type": "text/plain" } });
  const { orgId } = await params;
  const answer = await answerAlipayNotification(await getDb(), { orgId, rawBody });
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "text/plain" } });
}
