import "server-only";
import type { PaymentMethod } from "~/db/schema";
import { defineMessages, renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";

/** An account of the ledger the daily journal posts to: its code (Xero imports by code) and its name (QuickBooks by name). */
export interface LedgerAccount {
  code: string;
  name: string;
}

/**
 * The default chart of accounts of the accounting export, in one place. Each org's books name their
 * accounts their own way; until that is an org setting, an accountant maps these once in the
 * package (or renames the accounts there to match). Codes follow the ranges of Xero's default
 * chart (assets 0xx, revenue 2xx, direct costs 3xx, stock 6xx, liabilities 8xx).
 */
export const defaultLedgerAccounts = {
  /** Cash sold for and still in the machines' boxes, until a collection empties them. */
  cashInMachines: { code: "091", name: "Cash in machines" },
  /** Cash counted out of the machines. */
  cashOnHand: { code: "090", name: "Cash on hand" },
  cardClearing: { code: "093", name: "Card clearing" },
  alipayClearing: { code: "094", name: "Alipay clearing" },
  wechatPayClearing: { code: "095", name: "WeChat Pay clearing" },
  onlineClearing: { code: "096", name: "Online payments clearing" },
  /** A vend given away at a price: the promotion's cost, as an expense. */
  freeVends: { code: "410", name: "Promotional vends" },
  /** Sales net of VAT; one line per product category. */
  salesRevenue: { code: "200", name: "Sales revenue" },
  /** Refunds of dispensed sales, net of VAT: contra revenue. */
  salesRefunds: { code: "210", name: "Sales refunds" },
  vatPayable: { code: "820", name: "VAT payable" },
  costOfGoodsSold: { code: "310", name: "Cost of goods sold" },
  inventory: { code: "630", name: "Inventory" },
  /** Counted cash less expected cash: a debit when short, a credit when over. */
  cashOverShort: { code: "485", name: "Cash over and short" },
} as const satisfies Record<string, LedgerAccount>;

export type LedgerAccountKey = keyof typeof defaultLedgerAccounts;

/** The accounts' names as messages: the exports keep the English names their importers match, a page reads them in its language. */
const accountNames = defineMessages("ledger_accounts", Object.fromEntries(Object.entries(defaultLedgerAccounts).map(([key, a]) => [key, a.name])));

/** The default chart of accounts as a page shows it, names in `locale` (English when left out). */
export function ledgerAccountsIn(locale?: Locale): (LedgerAccount & { key: LedgerAccountKey })[] {
  return (Object.entries(defaultLedgerAccounts) as [LedgerAccountKey, LedgerAccount][]).map(([key, a]) => ({
    key,
    code: a.code,
    name: renderMessage(accountNames[key] ?? { en: a.name }, {}, locale),
  }));
}

/** Where a payment method's takings wait until they are settled: the debit of a sale, the credit of a refund. */
export const clearingAccountOf: Record<PaymentMethod, LedgerAccountKey> = {
  cash: "cashInMachines",
  card: "cardClearing",
  alipay: "alipayClearing",
  wechat_pay: "wechatPayClearing",
  online: "onlineClearing",
  free: "freeVends",
};

/**
 * Xero asks every manual journal line for a tax rate named as in the org's Xero tax settings. The
 * journal carries VAT on its own lines, so each line is posted without tax; "No VAT" is that rate's
 * name in Xero's VAT regions (it is "No GST" or "BAS Excluded" in GST regions).
 */
export const XERO_NO_TAX_RATE = "No VAT";
