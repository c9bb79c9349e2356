import { orderReceiptPdf } from "~/server/web";

export const dynamic = "force-dynamic";

/** An online order's receipt as a PDF, for whoever holds the order's link. */
export function GET(request: Request, context: { params: Promise<{ orderId: string }> }) {
  return orderReceiptPdf(request, context);
}
