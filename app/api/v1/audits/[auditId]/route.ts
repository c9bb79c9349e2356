import { apiRoute, audits } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(audits.getAudit);
