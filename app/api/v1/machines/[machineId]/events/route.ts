import { getDb } from "~/db/open";
import { errorResponse, handleEventsRequest } from "~/server/ingest/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ machineId: string }> }) {
  const { machineId } = await params;
  try {
    return await handleEventsRequest(await getDb(), machineId, request);
  } catch (error) {
    // A 5xx means the server failed; the machine retries later with the same events.
    console.error(`[ingest] ${machineId}:`, error);
    return errorResponse(500, "server_error", "The server failed to process the events; retry later with the same events.");
  }
}
