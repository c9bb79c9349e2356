import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { organizations } from "~/db/schema";
import { recipientLocales } from "~/server/auth";
import { documentsTranslator } from "~/server/i18n/translator";
import { formatMoney } from "~/server/money";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import type { Locale } from "../i18n/locales";
import { appUrl, sendMail } from "../mail/mailer";
import { computeCommission } from "./commission";
import { hostsMessages, locationCommissionsInput, statementIdInput, type HostStatementSummary, type LocationCommission } from "./contract";
import { contractsInForce, firstOf, orgCalendar, ruleOf } from "./contracts";
import { monthLines } from "./figures";
import { monthName, statementCsv, statementFileName, statementPdf } from "./statement-files";
import { getStatement, statementsOf, transitionStatement } from "./statements";

async function orgNameAndZone(ctx: ServiceCtx) {
  const [org] = await ctx.db
    .select({ name: organizations.name, slug: organizations.slug, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  if (!org) throw notFound("Organization");
  return org;
}

/** A statement as a downloadable file: PDF or CSV. */
export async function statementFile(ctx: ServiceCtx, input: { statementId: string; format: "pdf" | "csv"; locale?: Locale }) {
  const statement = await getStatement(ctx, { statementId: input.statementId });
  const org = await orgNameAndZone(ctx);
  const name = `${statementFileName(statement)}.${input.format}`;
  if (input.format === "csv") return { name, type: "text/csv; charset=utf-8", body: statementCsv(statement, input.locale) };
  return { name, type: "application/pdf", body: new Uint8Array(await statementPdf(statement, { orgName: org.name, timeZone: org.timeZone, locale: input.locale })) };
}

export interface SendStatementResult {
  statement: HostStatementSummary;
  recipients: string[];
  /** How many of the recipients the mail server accepted; 0 when e-mail is not configured. */
  emailed: number;
}

/**
 * Sends an approved statement (or sends a sent one again): marks it sent and e-mails its PDF to the
 * contract's contacts and the location's host users, each in their own language (an account's choice,
 * else English). The status changes whether or not e-mail is
 * configured: the answer says how many were e-mailed, and the PDF can be downloaded and sent by hand.
 */
export async function sendStatement(ctx: ServiceCtx, raw: z.input<typeof statementIdInput> & { smtpUrl?: string }): Promise<SendStatementResult> {
  const { statementId } = statementIdInput.parse(raw);
  const options = { smtpUrl: raw.smtpUrl };
  const before = await getStatement(ctx, { statementId });
  if (before.recipients.length === 0) throw new ServiceError("CONFLICT", hostsMessages.no_recipients, { location: before.locationName });
  const { statement } = await transitionStatement(ctx, { statementId, action: "send" });
  const detail = await getStatement(ctx, { statementId });
  const org = await orgNameAndZone(ctx);
  const locales = await recipientLocales(ctx.db, detail.recipients);
  const pdfs = new Map<Locale, Promise<Buffer>>();
  let emailed = 0;
  for (const to of detail.recipients) {
    const locale = locales.get(to.toLowerCase()) ?? "en";
    const t = documentsTranslator(locale);
    const month = monthName(detail.month, locale);
    if (!pdfs.has(locale)) pdfs.set(locale, statementPdf(detail, { orgName: org.name, timeZone: org.timeZone, locale }));
    const pdf = await pdfs.get(locale)!;
    const ok = await sendMail(
      {
        to,
        subject: t("mail.statement.subject", { org: org.name, location: detail.locationName, month }),
        text: [
          t("mail.hello"),
          "",
          t("mail.statement.attached", { month, location: detail.locationName, revision: detail.revision > 0 ? t("mail.statement.revision", { revision: detail.revision }) : "" }),
          t("mail.statement.owed", { amount: formatMoney(detail.totalMinor, detail.currency, { code: true, locale }) }),
          ...(detail.revisionNote ? ["", detail.revisionNote] : []),
          "",
          t("mail.statement.portal", { url: `${appUrl()}/h/${org.slug}` }),
          "",
          org.name,
        ].join("\n"),
        attachments: [{ filename: `${statementFileName(detail)}.pdf`, content: pdf, contentType: "application/pdf" }],
      },
      options,
    );
    if (ok) emailed++;
  }
  await recordAudit(ctx, {
    action: "host_statement.sent",
    targetType: "host_statement",
    targetId: statement.id,
    data: { month: detail.month, location: detail.locationName, recipients: detail.recipients, emailed, totalMinor: detail.totalMinor, currency: detail.currency },
  });
  const { adjustments: _a, lines: _l, breakdown: _b, contract: _c, recipients: _r, contractId: _i, approvedBy: _p, ...summary } = detail;
  return { statement: summary, recipients: detail.recipients, emailed };
}

/**
 * The commission of each location with a contract, for some months (`YYYY-MM`): the kept
 * statement's total where there is one, else computed from the contract in force on the month's
 * sales so far (the open month, or a closed one not generated yet).
 */
export async function locationCommissions(ctx: ServiceCtx, raw: z.input<typeof locationCommissionsInput>): Promise<LocationCommission[]> {
  const { months } = locationCommissionsInput.parse(raw);
  const firsts = [...new Set(months.map(firstOf))].sort();
  if (firsts.length === 0) return [];
  const org = await orgCalendar(ctx);
  const kept = await statementsOf(ctx, firsts);
  const result: LocationCommission[] = kept.map((s) => ({
    locationId: s.locationId,
    month: s.month.slice(0, 7),
    commissionMinor: s.totalMinor,
    grossMinor: s.grossMinor,
    currency: s.currency,
  }));
  for (const month of firsts) {
    const contracts = await contractsInForce(ctx, { month });
    const missing = [...contracts.values()].filter((c) => !kept.some((s) => s.month === month && s.locationId === c.locationId));
    if (missing.length === 0) continue;
    const lines = await monthLines(ctx, { month, timeZone: org.timeZone, currency: org.currency });
    for (const contract of missing) {
      const locationLines = lines.get(contract.locationId) ?? [];
      result.push({
        locationId: contract.locationId,
        month: month.slice(0, 7),
        commissionMinor: computeCommission(ruleOf(contract), locationLines).commissionMinor,
        grossMinor: locationLines.reduce((sum, l) => sum + l.grossMinor, 0),
        currency: org.currency,
      });
    }
  }
  return result.sort((a, b) => a.month.localeCompare(b.month) || a.locationId.localeCompare(b.locationId));
}
