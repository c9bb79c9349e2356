import "server-only";
import { z } from "zod";
import { dailyJournal, defaultLedgerAccounts, journalCsv, journalExportInput, journalFormats } from "../../analytics";
import { getOrganization } from "../../tenancy";
import { defineOperation } from "../operation";
import { currencyCode, day } from "../schemas";

const accountKeys = Object.keys(defaultLedgerAccounts) as [keyof typeof defaultLedgerAccounts, ...(keyof typeof defaultLedgerAccounts)[]];

const journalSchema = z
  .object({
    currency: currencyCode(),
    time_zone: z.string().meta({ description: "The org's IANA time zone; days are its calendar days", example: "Europe/Berlin" }),
    days: z.array(
      z.object({
        day: day(),
        lines: z.array(
          z.object({
            account: z.enum(accountKeys).meta({ description: "The ledger account's key" }),
            account_code: z.string().meta({ example: "200" }),
            account_name: z.string().meta({ example: "Sales revenue" }),
            description: z.string(),
            debit_minor: z.number().int().min(0),
            credit_minor: z.number().int().min(0),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "DailyJournal", description: "One balanced journal entry per day with anything to post: debits equal credits within each day." });

export const getJournal = defineOperation({
  id: "getDailyJournal",
  method: "GET",
  path: "/accounting/journal",
  scope: "accounting:read",
  tag: "Accounting",
  summary: "Daily journal",
  description:
    "The org's daily journal for days `from` to `to` (inclusive, at most 366, in the org's time zone): revenue by product category and payment method net of VAT, VAT payable, cost of goods at the cost kept on each sale, refunds, cash collected and its variance. `format=xero` or `format=quickbooks` answers the same journal as the CSV those packages import (Xero's manual journal import, QuickBooks Online's journal entry import).",
  query: z.object({
    from: day().meta({ description: "First day, YYYY-MM-DD" }),
    to: day().meta({ description: "Last day, YYYY-MM-DD (inclusive)" }),
    format: z.enum(["json", ...journalFormats]).default("json").meta({ description: "json, or the CSV of xero or quickbooks" }),
  }),
  response: journalSchema,
  textForms: [{ contentType: "text/csv", description: "With format=xero or format=quickbooks: the package's journal import file." }],
  examples: {
    response: {
      currency: "EUR",
      time_zone: "Europe/Berlin",
      days: [
        {
          day: "2026-12-01",
          lines: [
            { account: "cardClearing", account_code: "093", account_name: "Card clearing", description: "Card sales", debit_minor: 11900, credit_minor: 0 },
            { account: "salesRevenue", account_code: "200", account_name: "Sales revenue", description: "Snacks", debit_minor: 0, credit_minor: 10000 },
            { account: "vatPayable", account_code: "820", account_name: "VAT payable", description: "VAT on sales", debit_minor: 0, credit_minor: 1900 },
          ],
        },
      ],
    },
  },
  handle: async (ctx, { query }) => {
    const range = journalExportInput.parse({ from: query.from, to: query.to, format: "xero" });
    const journal = await dailyJournal(ctx, range);
    return {
      currency: journal.currency,
      time_zone: journal.timeZone,
      days: journal.days.map((d) => ({
        day: d.day,
        lines: d.lines.map((l) => ({
          account: l.account,
          account_code: defaultLedgerAccounts[l.account].code,
          account_name: defaultLedgerAccounts[l.account].name,
          description: l.description,
          debit_minor: l.debitMinor,
          credit_minor: l.creditMinor,
        })),
      })),
    };
  },
  text: async (ctx, body, query) => {
    if (query.format === "json") return null;
    const org = await getOrganization(ctx);
    const journal = {
      currency: body.currency,
      timeZone: body.time_zone,
      days: body.days.map((d) => ({ day: d.day, lines: d.lines.map((l) => ({ account: l.account, description: l.description, debitMinor: l.debit_minor, creditMinor: l.credit_minor })) })),
    };
    return { body: journalCsv(journal, query.format, { orgName: org.name }), contentType: "text/csv; charset=utf-8" };
  },
});
