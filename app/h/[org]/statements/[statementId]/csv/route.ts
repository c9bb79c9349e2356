import { hostStatementDownload } from "~/server/web";

export const dynamic = "force-dynamic";

export const GET = hostStatementDownload("csv");
