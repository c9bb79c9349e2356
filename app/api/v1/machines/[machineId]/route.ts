import { getDb } from "~/db/open";
import { getMachineOperation, handleApiRequest } from "~/server/api";

export const dynamic = "force-dynamic";

/** One machine of the key's org; another org's machine is not found. */
export async function GET(request: Request, { params }: { params: Promise<{ machineId: string }> }) {
  const { machineId } = await params;
  return handleApiRequest(await getDb(), request, { scope: "machines:read", handle: (ctx) => getMachineOperation(ctx, machineId) });
}
