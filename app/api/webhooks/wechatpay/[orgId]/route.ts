import { getDb } from "~/db/open";
import { readBodyWithin } from "~/server/http/limited-body";
import { WECHATPAY_NOTIFICATION_MAX_BYTES, handleWechatPayNotification } from "~/server/payments";

export const dynamic = "force-dynamic";

/** WeChat Pay's notifications for one org: the raw body is read as text, since the signature covers its bytes. */
export async function POST(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const rawBody = await readBodyWithin(request, WECHATPAY_NOTIFICATION_MAX_BYTES);
  if (rawBody === null) return Response.json({ code: "FAIL", message: "The body is too large." }, { status: 413 });
  const { orgId } = await params;
  const header = (name: string) => request.headers.get(name);
  const answer = await handleWechatPayNotification(await getDb(), {
    orgId,
    rawBody,
    signature: header("wechatpay-signature"),
    headers: { "wechatpay-timestamp": header("wechatpay-timestamp"), "wechatpay-nonce": header("wechatpay-nonce"), "wechatpay-serial": header("wechatpay-serial") },
  });
  return answer.body ? Response.json(answer.body, { status: answer.status }) : new Response(null, { status: answer.status });
}
