import "server-only";
import { eq } from "drizzle-orm";
import { newId } from "~/db/ids";
import { notificationDeliveries, notifications, organizations } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { Locale } from "../i18n/locales";
import { documentsTranslator } from "../i18n/translator";
import { appUrl } from "../mail/mailer";
import type { AlertNotice, NoticeSeverity, WebhookEventType } from "./contract";
import { queueEndpointEvent } from "./endpoint-events";
import { reaches, recipients } from "./preferences";

/** More alerts than this in one go become one summary per person instead of one notification each. */
export const DIGEST_THRESHOLD = 3;

/** Who heard about one alert: members in the app, e-mails queued, webhook endpoints. */
export type AlertNoticeOutcome = { alertId: string; members: number; emails: number; webhooks: number };

/**
 * Queues what people should hear about these alerts: in-app notifications and e-mails by each
 * member's preferences (many at once become one summary), each in the member's language, and
 * deliveries to the org's webhook endpoints (in English). Rows only: they are sent after the
 * transaction commits.
 */
export async function notifyAlerts(ctx: ServiceCtx, input: { alerts: { event: "alert.raised" | "alert.escalated"; notice: AlertNotice }[] }): Promise<AlertNoticeOutcome[]> {
  const notices = input.alerts.map((a) => a.notice);
  if (notices.length === 0) return [];
  const people = await recipients(ctx);
  const preferencesUrl = `${await orgUrl(ctx)}/notifications/preferences`;
  const inApp: (typeof notifications.$inferInsert)[] = [];
  const mails: (typeof notificationDeliveries.$inferInsert)[] = [];
  for (const person of people) {
    const t = documentsTranslator(person.locale);
    const inLanguage = (n: AlertNotice) => inLocale(n, person.locale);
    const forApp = notices.filter((n) => reaches(n.severity, person.inApp)).map(inLanguage);
    if (forApp.length > DIGEST_THRESHOLD) inApp.push({ ...digest(forApp, person.locale), id: newId("ntf"), orgId: ctx.orgId, userId: person.userId, alertId: null });
    else for (const n of forApp) inApp.push({ id: newId("ntf"), orgId: ctx.orgId, userId: person.userId, alertId: n.alertId, severity: n.severity, title: n.title, body: n.text, link: n.link });

    const forMail = notices.filter((n) => reaches(n.severity, person.email)).map(inLanguage);
    if (forMail.length > 0) {
      const summary = forMail.length === 1 ? { title: forMail[0]!.title, body: forMail[0]!.text } : digest(forMail, person.locale);
      const text = [
        summary.body,
        "",
        ...forMail.map((n) => `- ${t(`mail.alerts.severity.${n.severity}`)} ${n.title}\n  ${n.url}`),
        "",
        t("mail.alerts.preferences", { url: preferencesUrl }),
      ].join("\n");
      mails.push({
        id: newId("dlv"),
        orgId: ctx.orgId,
        channel: "email",
        userId: person.userId,
        alertId: forMail.length === 1 ? forMail[0]!.alertId : null,
        eventType: "alert.raised",
        payload: { to: person.address, subject: t("mail.subject", { title: summary.title }), text },
      });
    }
  }
  if (inApp.length > 0) await ctx.db.insert(notifications).values(inApp);
  if (mails.length > 0) await ctx.db.insert(notificationDeliveries).values(mails);
  const outcomes: AlertNoticeOutcome[] = [];
  for (const { event, notice } of input.alerts) {
    const webhooks = await queueEndpointEvent(ctx, { type: event, alertId: notice.alertId, data: notice.payload });
    const about = (alertId: string | null | undefined) => alertId === notice.alertId || alertId === null;
    const members = new Set(inApp.filter((n) => about(n.alertId)).map((n) => n.userId)).size;
    const emails = mails.filter((m) => about(m.alertId)).length;
    outcomes.push({ alertId: notice.alertId, members, emails, webhooks });
  }
  return outcomes;
}

/** Tells the org's webhook endpoints what happened to an alert (people are not paged for it). */
export async function publishAlertEvent(ctx: ServiceCtx, input: { type: WebhookEventType; notice: AlertNotice }): Promise<number> {
  return queueEndpointEvent(ctx, { type: input.type, alertId: input.notice.alertId, data: input.notice.payload });
}

/** The notice with its title, text and rule in a language, where it carries them. */
function inLocale(notice: AlertNotice, locale: Locale): AlertNotice {
  const words = locale === "en" ? undefined : notice.translations?.[locale];
  return words ? { ...notice, ...words } : notice;
}

function digest(items: AlertNotice[], locale: Locale) {
  const t = documentsTranslator(locale);
  const separator = t("mail.alerts.listSeparator");
  const worst: NoticeSeverity = items.some((n) => n.severity === "critical") ? "critical" : items.some((n) => n.severity === "warning") ? "warning" : "info";
  const labels = [...new Set(items.map((n) => n.ruleLabel))];
  const rules = labels.join(separator);
  const count = String(items.length);
  return {
    severity: worst,
    title: labels.length > 1 ? t("mail.alerts.digestTitle", { count }) : t("mail.alerts.digestTitleRule", { count, rule: rules }),
    body: `${rules}: ${items.slice(0, 5).map((n) => n.subject).join(separator)}${items.length > 5 ? "…" : ""}`,
    link: "/alerts",
  };
}

async function orgUrl(ctx: ServiceCtx): Promise<string> {
  const [org] = await ctx.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, ctx.orgId));
  return `${appUrl()}/o/${org?.slug ?? ""}`;
}
