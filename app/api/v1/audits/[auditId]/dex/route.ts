import { audits } from "~/server/api";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ auditId: string }> }) {
  return audits.auditDexResponse(request, await params);
}
