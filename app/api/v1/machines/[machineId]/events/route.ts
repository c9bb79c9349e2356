import { after } from "next/server";
import { getDb } from "~/db/open";
import { errorResponse, handleEventsRequest } from "~/server/machine-api";
import { sendNotificationsNow } from "~/server/notifications";
import { sendOwedRefunds } from "~/server/payments";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ machineId: string }> }) {
  const { machineId } = await params;
  try {
    const db = await getDb();
    return await handleEventsRequest(db, machineId, request, {
      // Refunds owed by this batch go out right after the response; the sweep job is the safety net.
      afterCommit: (outcome) => {
        if (outcome.refundsOwed > 0) after(() => sendOwedRefunds(db));
        // E-mails and webhooks the batch's alerts queued; a no-op query when there are none.
        after(() => sendNotificationsNow(db));
      },
    });
  } catch (error) {
    // A 5xx means the server failed; the machine retries later with the same events.
    console.error(`[ingest] ${machineId}:`, error);
    return errorResponse(500, "server_error", "The server failed to process the events; retry later with the same events.");
  }
}
