import { statisticsExport } from "../export-route";

export const dynamic = "force-dynamic";

export const GET = statisticsExport("pdf");
