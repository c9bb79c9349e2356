import { after } from "next/server";
import { getDb } from "~/db/open";
import { errorResponse, handleAuditsRequest } from "~/server/machine-api";
import { sendNotificationsNow } from "~/server/notifications";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ machineId: string }> }) {
  const { machineId } = await params;
  try {
    const db = await getDb();
    return await handleAuditsRequest(db, machineId, request, {
      // A reconciliation may have raised alerts: their notifications go out after the response.
      afterCommit: () => after(() => sendNotificationsNow(db)),
    });
  } catch (error) {
    console.error(`[audits] ${machineId}:`, error);
    return errorResponse(500, "server_error", "The server failed to keep the audit; retry later with the same file.");
  }
}
