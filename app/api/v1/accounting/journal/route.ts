import { accounting, apiRoute } from "~/server/api";

export const dynamic = "force-dynamic";

export const GET = apiRoute(accounting.getJournal);
