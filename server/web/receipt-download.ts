import "server-only";
import { getDb } from "~/db/open";
import { getReceipt, orderReceipt, receiptPdf, type ReceiptDocument } from "~/server/consumers";
import { consumerSelfContext } from "../context";
import type { Locale } from "../i18n/locales";
import { localeFromAcceptLanguage } from "../i18n/negotiate";
import { ServiceError } from "../errors";
import { findUnsafeText } from "../input/text";
import type { RequestSession } from "./org-download";
import { currentUser } from "./session";

const liveSession: RequestSession = { db: getDb, user: currentUser };

const refuse = (status: number, error: string) => Response.json({ error }, { status });

/** The receipt's PDF, shown in the browser (inline), named after its number. */
async function pdfResponse(receipt: ReceiptDocument, locale: Locale): Promise<Response> {
  return new Response(new Uint8Array(await receiptPdf(receipt, locale)), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="receipt-${receipt.number.replace(/[^\w.-]/g, "_")}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}

/** A consumer's receipt is in their browser's language, as consumer pages are (see `followsBrowser`). */
const browserLocale = (request: Request) => localeFromAcceptLanguage(request.headers.get("accept-language"));

/** An id from the path that names no purchase the caller may see: malformed, too long, unsafe text. */
const badId = (id: string) => id.length === 0 || id.length > 64 || findUnsafeText(id) !== null;

/**
 * `GET /me/purchases/{purchaseId}/receipt.pdf`: the signed-in consumer's receipt as a PDF (401
 * signed out; 404 for a purchase that is not theirs, whoever's it is).
 */
export async function consumerReceiptPdf(request: Request, context: { params: Promise<{ purchaseId: string }> }, session: RequestSession = liveSession): Promise<Response> {
  const { purchaseId } = await context.params;
  const user = await session.user();
  if (!user) return refuse(401, "Sign in to download your receipt.");
  if (badId(purchaseId)) return refuse(404, "Not found.");
  try {
    const receipt = await getReceipt(consumerSelfContext(await session.db(), user.id), { purchaseId });
    return pdfResponse(receipt.document, browserLocale(request));
  } catch (error) {
    if (error instanceof ServiceError && (error.kind === "NOT_FOUND" || error.kind === "BAD_REQUEST")) return refuse(404, "Not found.");
    throw error;
  }
}

/**
 * `GET /order/{orderId}/receipt.pdf`: an online order's receipt for whoever holds its link, as the
 * order page is (the order id is unguessable); 404 for an id no order has.
 */
export async function orderReceiptPdf(request: Request, context: { params: Promise<{ orderId: string }> }, session: Pick<RequestSession, "db"> = liveSession): Promise<Response> {
  const { orderId } = await context.params;
  if (badId(orderId)) return refuse(404, "Not found.");
  const receipt = await orderReceipt(await session.db(), { orderId });
  return receipt ? pdfResponse(receipt, browserLocale(request)) : refuse(404, "Not found.");
}
