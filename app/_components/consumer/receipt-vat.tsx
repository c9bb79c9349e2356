import type { ReceiptDocument } from "~/server/consumers/contract";
import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/format";
import { formatVatRate } from "~/server/tenancy/contract";

/** The seller's legal details as the receipt prints them. */
export function ReceiptSeller({ seller }: { seller: ReceiptDocument["seller"] }) {
  const t = useTranslations("consumer.receipt");
  return (
    <div role="group" aria-label={t("seller")}>
      <address className="text-[13px] leading-5 not-italic text-zinc-600 dark:text-zinc-400">
        <span className="block font-medium text-zinc-900 dark:text-zinc-100">{seller.legalName ?? seller.name}</span>
        {seller.address && <span className="block whitespace-pre-line">{seller.address}</span>}
        {seller.vatNumber && <span className="block">{t("vatNumber", { number: seller.vatNumber })}</span>}
      </address>
    </div>
  );
}

/**
 * A receipt's lines (product, quantity, price, VAT rate, VAT amount) and its totals per rate: net,
 * VAT and gross. Stacked, so nothing scrolls sideways on a phone.
 */
export function ReceiptVat({ receipt }: { receipt: Pick<ReceiptDocument, "lines" | "vatTotals" | "totals" | "currency"> }) {
  const t = useTranslations("consumer.receipt");
  const f = useFormat();
  const money = (minor: number) => f.money(minor, receipt.currency);
  if (receipt.lines.length === 0) return <p className="py-3 text-sm text-zinc-600 dark:text-zinc-400">{t("nothingCharged")}</p>;
  return (
    <div className="space-y-3 py-2 text-sm">
      <ul aria-label={t("lines")} className="divide-y divide-dashed divide-zinc-200 dark:divide-zinc-800">
        {receipt.lines.map((l, i) => (
          <li key={i} className="py-2">
            <div className="flex items-baseline justify-between gap-4">
              <span className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">
                {l.description} <span className="text-zinc-500 dark:text-zinc-400">× {l.quantity}</span>
              </span>
              <span className="tabular shrink-0 text-zinc-900 dark:text-zinc-100">{money(l.grossMinor)}</span>
            </div>
            <p className="tabular mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
              {t("each", { price: money(l.unitPriceMinor), rate: formatVatRate(l.vatRateBp), vat: money(l.vatMinor) })}
            </p>
          </li>
        ))}
      </ul>
      <table className="tabular w-full text-[13px]">
        <caption className="sr-only">{t("vatPerRate")}</caption>
        <thead>
          <tr className="text-xs text-zinc-500 dark:text-zinc-400">
            <th scope="col" className="py-1 text-left font-medium">{t("vatRate")}</th>
            <th scope="col" className="py-1 text-right font-medium">{t("net")}</th>
            <th scope="col" className="py-1 text-right font-medium">{t("vat")}</th>
            <th scope="col" className="py-1 text-right font-medium">{t("gross")}</th>
          </tr>
        </thead>
        <tbody className="text-zinc-800 dark:text-zinc-200">
          {receipt.vatTotals.map((v) => (
            <tr key={v.vatRateBp}>
              <th scope="row" className="py-1 text-left font-normal">{formatVatRate(v.vatRateBp)}</th>
              <td className="py-1 text-right">{money(v.netMinor)}</td>
              <td className="py-1 text-right">{money(v.vatMinor)}</td>
              <td className="py-1 text-right">{money(v.grossMinor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-zinc-200 font-semibold text-zinc-950 dark:border-zinc-800 dark:text-white">
          <tr>
            <th scope="row" className="py-1.5 text-left">{t("total")}</th>
            <td className="py-1.5 text-right">{money(receipt.totals.netMinor)}</td>
            <td className="py-1.5 text-right">{money(receipt.totals.vatMinor)}</td>
            <td className="py-1.5 text-right">{money(receipt.totals.grossMinor)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("pricesIncludeVat")}</p>
    </div>
  );
}
