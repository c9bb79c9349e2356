import { statementDownload } from "../statement-download";

export const dynamic = "force-dynamic";

export const GET = statementDownload("csv");
