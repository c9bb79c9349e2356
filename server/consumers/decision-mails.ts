import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "~/db/client";
import { isLocale } from "../i18n/locales";
import { documentsTranslator } from "../i18n/translator";
import { appUrl, deliverMail, mailEnabled, type Mail } from "../mail/mailer";
import { formatMoney } from "../money";
import { formatDateTime } from "../time";

/** Decisions older than this are not mailed any more (a deployment that gets e-mail later does not mail old news). */
const MAIL_WITHIN_DAYS = 2;

export interface DecisionMailOptions {
  /** Only this request (right after its decision); otherwise every decision not mailed yet. */
  requestId?: string;
  /** Another SMTP server than SMTP_URL (tests). */
  smtpUrl?: string;
  limit?: number;
}

interface Decided {
  id: string;
  saleId: string;
  status: "approved" | "rejected";
  decisionReason: string | null;
  autoApproved: boolean;
  email: string;
  consumerName: string | null;
  /** The language the consumer's account chose, if any. */
  locale?: string | null;
  operator: string;
  supportEmail: string | null;
  timeZone: string;
  product: string | null;
  machineName: string;
  occurredAt: string | Date;
  amountMinor: number;
  currency: string;
  paymentMethod: string;
}

/**
 * E-mails consumers the decisions on their refund requests, once per decision: a request is
 * claimed by setting `decision_mailed_at` before it is sent (a concurrent sender skips it), and
 * released again when the SMTP server refuses, for the next sweep. Runs across orgs on the owner
 * connection, like the notification sweep. Returns how many e-mails went out.
 */
export async function sendDecisionMails(db: Db, options: DecisionMailOptions = {}): Promise<number> {
  if (!options.smtpUrl && !mailEnabled()) return 0;
  const only = options.requestId ? sql`and r.id = ${options.requestId}` : sql``;
  const claimed = await queryRows<Decided>(
    db,
    sql`with due as (
      select r.id from refund_requests r
      where r.status <> 'pending' and r.decision_mailed_at is null and r.decided_at > now() - make_interval(days => ${MAIL_WITHIN_DAYS}) ${only}
      order by r.decided_at limit ${options.limit ?? 50}
      for update skip locked
    ), claimed as (
      update refund_requests r set decision_mailed_at = now() from due where r.id = due.id
      returning r.*
    )
    select c.id, c.sale_id as "saleId", c.status, c.decision_reason as "decisionReason", c.auto_approved as "autoApproved",
      u.email, u.name as "consumerName", u.locale, o.name as operator, o.support_email as "supportEmail", o.time_zone as "timeZone",
      coalesce(ord.product_name, p.name) as product, m.name as "machineName", s.occurred_at as "occurredAt",
      coalesce(f.amount_minor, ord.amount_minor, s.price_minor) as "amountMinor", coalesce(f.currency, s.currency) as currency,
      coalesce(f.payment_method, ord.payment_method, s.payment_method)::text as "paymentMethod"
    from claimed c
    join users u on u.id = c.consumer_id
    join organizations o on o.id = c.org_id
    join sales s on s.id = c.sale_id
    join machines m on m.id = s.machine_id
    left join products p on p.id = s.product_id
    left join orders ord on ord.id = s.order_id
    left join refunds f on f.id = c.refund_id`,
  );
  let sent = 0;
  for (const d of claimed) {
    try {
      await deliverMail(decisionMail(d), options);
      sent++;
    } catch (error) {
      console.error("[mail] refund decision not sent; the sweep will retry:", error instanceof Error ? error.message : error);
      await db.execute(sql`update refund_requests set decision_mailed_at = null where id = ${d.id}`);
    }
  }
  return sent;
}

const refundDestinations = ["card", "alipay", "wechat_pay", "online"] as const;
const destinationOf = (method: string) => (refundDestinations as readonly string[]).includes(method) ? (method as (typeof refundDestinations)[number]) : "other";

/** The e-mail of one decision, in plain text, in the language the consumer's account chose (else English). */
export function decisionMail(d: Decided): Mail {
  const locale = isLocale(d.locale) ? d.locale : "en";
  const t = documentsTranslator(locale);
  const amount = formatMoney(d.amountMinor, d.currency, { locale });
  const product = d.product ?? t("mail.decision.yourPurchase");
  const when = formatDateTime(new Date(d.occurredAt), d.timeZone, locale);
  const receipt = `${appUrl()}/me/purchases/${d.saleId}`;
  const greeting = d.consumerName ? t("mail.helloName", { name: d.consumerName }) : t("mail.hello");
  const contact = d.supportEmail ? t("mail.decision.contactEmail", { operator: d.operator, email: d.supportEmail }) : t("mail.decision.contact", { operator: d.operator });
  const about = { operator: d.operator, product, machine: d.machineName, when };
  if (d.status === "approved") {
    return {
      to: d.email,
      subject: t("mail.decision.approvedSubject", { operator: d.operator, amount }),
      text: [
        greeting,
        "",
        t("mail.decision.approved", about),
        t("mail.decision.goesBack", { amount, destination: t(`mail.decision.destinations.${destinationOf(d.paymentMethod)}`) }),
        ...(d.decisionReason ? ["", t(d.autoApproved ? "mail.decision.why" : "mail.decision.note", { reason: d.decisionReason })] : []),
        "",
        t("mail.decision.receipt", { url: receipt }),
        t("mail.decision.questions", { contact }),
      ].join("\n"),
    };
  }
  return {
    to: d.email,
    subject: t("mail.decision.rejectedSubject", { operator: d.operator }),
    text: [
      greeting,
      "",
      t("mail.decision.rejected", about),
      "",
      t("mail.decision.reason", { reason: d.decisionReason ?? t("mail.decision.noReason") }),
      "",
      t("mail.decision.wrong", { contact, url: receipt }),
    ].join("\n"),
  };
}
