import "server-only";
import { eq } from "drizzle-orm";
import { newId } from "~/db/ids";
import { notificationDeliveries, notifications, organizations } from "~/db/schema";
import type { ServiceCtx } from "../context";
import type { Locale } from "../i18n/locales";
import { documentsTranslator } from "../i18n/translator";
import { appUrl } from "../mail/mailer";
import type { NoticeSeverity } from "./contract";
import { recipients } from "./preferences";

/** Something addressed to named members (their route for the day, say), not an alert. */
export interface MemberNotice {
  /** Members of the org to tell; others are ignored. */
  userIds: string[];
  /** The delivery's event type, for the e-mail log ("plan.accepted"). */
  eventType: string;
  severity: NoticeSeverity;
  title: string;
  text: string;
  /** The title and text in a member's language, where the sender can say them in more than English. */
  inLanguage?: (locale: Locale) => { title: string; text: string };
  /** Where it leads, relative to the org ("/routes/today"). */
  link: string;
}

/**
 * Tells named members about work given to them. Unlike alerts, which reach people by the severity
 * they chose, an assignment reaches the person it is for: in the app unless they turned the app
 * off, and by e-mail unless they turned e-mail off, each in their language. Rows only; e-mails go out with the next
 * delivery sweep, after the transaction commits.
 */
export async function notifyMembers(ctx: ServiceCtx, notice: MemberNotice): Promise<{ members: number; emails: number }> {
  const wanted = new Set(notice.userIds);
  const people = (await recipients(ctx)).filter((p) => wanted.has(p.userId));
  if (people.length === 0) return { members: 0, emails: 0 };
  const [org] = await ctx.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const url = `${appUrl()}/o/${org?.slug ?? ""}${notice.link}`;
  const words = (locale: Locale) => (locale !== "en" && notice.inLanguage ? notice.inLanguage(locale) : notice);
  const inApp = people
    .filter((p) => p.inApp !== "off")
    .map((p) => ({ id: newId("ntf"), orgId: ctx.orgId, userId: p.userId, severity: notice.severity, title: words(p.locale).title, body: words(p.locale).text, link: notice.link }));
  const mails = people
    .filter((p) => p.email !== "off")
    .map((p) => ({
      id: newId("dlv"),
      orgId: ctx.orgId,
      channel: "email" as const,
      userId: p.userId,
      eventType: notice.eventType,
      payload: { to: p.address, subject: documentsTranslator(p.locale)("mail.subject", { title: words(p.locale).title }), text: `${words(p.locale).text}\n\n${url}` },
    }));
  if (inApp.length > 0) await ctx.db.insert(notifications).values(inApp);
  if (mails.length > 0) await ctx.db.insert(notificationDeliveries).values(mails);
  return { members: inApp.length, emails: mails.length };
}
