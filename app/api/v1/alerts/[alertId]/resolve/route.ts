import { alerts, apiRoute } from "~/server/api";

export const dynamic = "force-dynamic";

export const POST = apiRoute(alerts.resolveAlertOperation);
