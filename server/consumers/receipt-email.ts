import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { z } from "zod";
import { receiptEmails, users } from "~/db/schema";
import { withConsumer, withTenant } from "~/db/tenant";
import type { ConsumerCtx } from "../context";
import { ServiceError } from "../errors";
import { isLocale, type Locale } from "../i18n/locales";
import { documentsTranslator } from "../i18n/translator";
import { appUrl, mailEnabled, sendMail } from "../mail/mailer";
import { formatMoney } from "../money";
import { formatDateTime } from "../time";
import { formatVatRate } from "~/server/tenancy/contract";
import {
  RECEIPT_EMAIL_INTERVAL_SECONDS,
  RECEIPT_EMAIL_WINDOW,
  consumersMessages,
  type receiptInput,
  type ReceiptDocument,
  type ReceiptEmailOutcome,
} from "./contract";
import { getReceipt } from "./purchases";
import { lineDescription, paymentWords, receiptPdf } from "./receipt-pdf";

/** The receipt as plain text in the reader's language, for the body of the e-mail that carries its PDF. */
function receiptText(r: ReceiptDocument, product: string, link: string, locale: Locale): string {
  const t = documentsTranslator(locale);
  const m = (minor: number) => formatMoney(minor, r.currency, { code: true, locale });
  const seller = r.seller.legalName ?? r.seller.name;
  return [
    t("mail.receipt.attached", { seller, product }),
    "",
    t("mail.receipt.number", { number: r.number }),
    t("mail.receipt.date", { date: `${formatDateTime(r.occurredAt, r.timeZone, locale)} (${r.timeZone})` }),
    t("mail.receipt.paymentMethod", { method: paymentWords(r.paymentMethod, locale) }),
    ...r.lines.map((l) => t("mail.receipt.line", { description: lineDescription(r, l, locale), gross: m(l.grossMinor), rate: formatVatRate(l.vatRateBp), vat: m(l.vatMinor) })),
    ...(r.lines.length ? [t("mail.receipt.total", { gross: m(r.totals.grossMinor), vat: m(r.totals.vatMinor) })] : [t("mail.receipt.nothingCharged")]),
    "",
    seller,
    ...(r.seller.address ? [r.seller.address] : []),
    ...(r.seller.vatNumber ? [t("receipt.vatNumber", { number: r.seller.vatNumber })] : []),
    "",
    t("mail.receipt.online", { url: link }),
  ].join("\n");
}

/**
 * "E-mail me this receipt": sends the purchase's receipt, its PDF attached, to the signed-in
 * consumer's own address. At most once a minute per purchase (a row keyed by consumer and purchase
 * is claimed first), so a double click or a repeat sends nothing more; and at most
 * `RECEIPT_EMAIL_WINDOW.count` receipts in its minutes per consumer. A send that fails gives its
 * minute back. The mail and its PDF are in `locale`, the language the consumer asked in (else their
 * account's choice, else English).
 */
export async function emailReceipt(
  ctx: ConsumerCtx,
  raw: z.input<typeof receiptInput> & { /** Another SMTP server than SMTP_URL (tests). */ smtpUrl?: string; locale?: Locale },
): Promise<{ outcome: ReceiptEmailOutcome; email: string }> {
  const receipt = await getReceipt(ctx, raw);
  const { db, consumerId } = ctx;
  const { user, recent } = await withConsumer(db, consumerId, async (tx) => ({
    user: (await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, consumerId)))[0],
    // Across operators: the consumer's own rows, read through their own path.
    recent: (
      await tx
        .select({ n: count() })
        .from(receiptEmails)
        .where(and(eq(receiptEmails.consumerId, consumerId), gt(receiptEmails.sentAt, sql`now() - make_interval(mins => ${RECEIPT_EMAIL_WINDOW.minutes})`)))
    )[0]!.n,
  }));
  const email = user?.email ?? "";
  if ((!raw.smtpUrl && !mailEnabled()) || !email) return { outcome: "mail_not_configured", email };
  if (recent >= RECEIPT_EMAIL_WINDOW.count) {
    throw new ServiceError("TOO_MANY_REQUESTS", consumersMessages.receipt_emails_limit, { count: recent, minutes: RECEIPT_EMAIL_WINDOW.minutes }, { retryAfterSeconds: 60 });
  }

  const key = and(eq(receiptEmails.consumerId, consumerId), eq(receiptEmails.purchaseId, receipt.id));
  const claimed = await withTenant(db, { orgId: receipt.orgId, userId: consumerId }, (tx) =>
    tx
      .insert(receiptEmails)
      .values({ orgId: receipt.orgId, consumerId, purchaseId: receipt.id })
      .onConflictDoUpdate({
        target: [receiptEmails.consumerId, receiptEmails.purchaseId],
        set: { sentAt: sql`now()` },
        setWhere: sql`${receiptEmails.sentAt} < now() - make_interval(secs => ${RECEIPT_EMAIL_INTERVAL_SECONDS})`,
      })
      .returning({ purchaseId: receiptEmails.purchaseId }),
  );
  if (claimed.length === 0) return { outcome: "already_sent", email };

  const doc = receipt.document;
  const locale = raw.locale ?? (isLocale(user?.locale) ? user.locale : "en");
  const sent = await sendMail(
    {
      to: email,
      subject: documentsTranslator(locale)("mail.receipt.subject", { seller: doc.seller.legalName ?? doc.seller.name, product: receipt.product }),
      text: receiptText(doc, receipt.product, `${appUrl()}/me/purchases/${receipt.id}`, locale),
      attachments: [{ filename: `receipt-${doc.number}.pdf`, content: await receiptPdf(doc, locale), contentType: "application/pdf" }],
    },
    { smtpUrl: raw.smtpUrl },
  );
  if (!sent) {
    await withTenant(db, { orgId: receipt.orgId, userId: consumerId }, (tx) => tx.delete(receiptEmails).where(key));
    return { outcome: "mail_failed", email };
  }
  return { outcome: "sent", email };
}
