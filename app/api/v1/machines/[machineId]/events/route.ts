import { after } from "next/server";
import { getDb } from "~/db/open";
import { errorResponse, handleEventsRequest } from "~/server/machine-api";
import { announcePendingAlerts } from "~/server/alerts";
import { checkCashVariance } from "~/server/cash";
import { sendNotificationsNow } from "~/server/notifications";
import { sendOwedRefunds } from "~/server/payments";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ machineId: string }> }) {
  const { machineId } = await params;
  try {
    const db = await getDb();
    return await handleEventsRequest(db, machineId, request, {
      // Work the batch queued goes out right after the response, only when there is any; the
      // sweep jobs are the safety net.
      afterCommit: (outcome) => {
        if (outcome.refundsOwed > 0) after(() => sendOwedRefunds(db));
        if (outcome.cashCollections > 0) {
          after(async () => {
            try {
              await checkCashVariance(db);
            } catch (error) {
              console.error("[cash] variance check failed; the sweep will retry:", error);
            }
            await sendNotificationsNow(db);
          });
        }
        if (outcome.announcements > 0) {
          after(async () => {
            try {
              await announcePendingAlerts(db);
            } catch (error) {
              console.error("[alerts] announcing failed; the sweep will retry:", error);
            }
            await sendNotificationsNow(db);
          });
        }
      },
    });
  } catch (error) {
    // A 5xx means the server failed; the machine retries later with the same events.
    console.error(`[ingest] ${machineId}:`, error);
    return errorResponse(500, "server_error", "The server failed to process the events; retry later with the same events.");
  }
}
