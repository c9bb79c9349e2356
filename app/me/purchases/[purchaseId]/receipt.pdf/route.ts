import { consumerReceiptPdf } from "~/server/web";

export const dynamic = "force-dynamic";

/** The signed-in consumer's receipt as a PDF. */
export function GET(request: Request, context: { params: Promise<{ purchaseId: string }> }) {
  return consumerReceiptPdf(request, context);
}
