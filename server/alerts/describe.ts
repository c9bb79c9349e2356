import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { machines, organizations, type Alert } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { appUrl } from "../mail/mailer";
import { LOCALES, type Locale } from "~/server/i18n/locales";
import { documentsTranslator } from "~/server/i18n/translator";
import type { AlertNotice } from "~/server/notifications/contract";
import { alertText, ruleLabel, type AlertPayload } from "./contract";

/** The public description of alerts: what webhooks carry and notifications say. */
export async function describeAlerts(ctx: ServiceCtx, list: Alert[]): Promise<AlertPayload[]> {
  if (list.length === 0) return [];
  const machineIds = [...new Set(list.flatMap((a) => (a.machineId ? [a.machineId] : [])))];
  const names = new Map(
    machineIds.length === 0
      ? []
      : (await ctx.db.select({ id: machines.id, name: machines.name }).from(machines).where(and(eq(machines.orgId, ctx.orgId), inArray(machines.id, machineIds)))).map((m) => [m.id, m.name]),
  );
  const [org] = await ctx.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const orgUrl = `${appUrl()}/o/${org?.slug ?? ""}`;
  return list.map((a) => {
    const machineName = a.machineId ? (names.get(a.machineId) ?? null) : null;
    const label = ruleLabel(a.rule);
    return {
      id: a.id,
      rule: a.rule,
      ruleLabel: label,
      code: a.code,
      severity: a.severity,
      status: a.status,
      message: alertText(a),
      machineId: a.machineId,
      machineName,
      count: a.count,
      firstSeenAt: a.firstSeenAt.toISOString(),
      lastSeenAt: a.lastSeenAt.toISOString(),
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      title: titleIn(a, machineName, "en"),
      url: `${orgUrl}/alerts/${a.id}`,
    };
  });
}

/** An alert's title in a language: "低库存 A1" or, with its machine, "Station hall 1：低库存 A1". */
function titleIn(alert: Pick<Alert, "rule" | "code">, machineName: string | null, locale: Locale): string {
  const title = `${ruleLabel(alert.rule, locale)}${alert.rule === "machine_fault" ? ` ${alert.code}` : ""}`;
  return machineName ? documentsTranslator(locale)("alerts.onMachine", { title, machine: machineName }) : title;
}

/**
 * What notifications need to tell people and endpoints about an alert. With the alert itself, the
 * notice also carries its words in the other languages, for the members who read those; webhooks
 * always get the English payload.
 */
export function noticeOf(payload: AlertPayload, alert?: Alert): AlertNotice {
  const others = LOCALES.filter((l): l is Exclude<Locale, "en"> => l !== "en");
  const translations = alert
    ? Object.fromEntries(others.map((l) => [l, { title: titleIn(alert, payload.machineName, l), text: alertText(alert, l), ruleLabel: ruleLabel(alert.rule, l) }]))
    : undefined;
  return {
    translations,
    alertId: payload.id,
    severity: payload.severity,
    title: payload.title,
    text: payload.message,
    ruleLabel: payload.ruleLabel,
    subject: payload.machineName ?? payload.code,
    link: `/alerts/${payload.id}`,
    url: payload.url,
    payload,
  };
}
