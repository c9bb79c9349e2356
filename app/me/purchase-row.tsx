import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { purchaseStatusWords, refundStatusWords, requestStatusWords } from "~/app/_components/consumer/purchase-status";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { formatMoney } from "~/server/money";
import type { Purchase } from "./purchases-query";

const receiptHref = (p: Purchase) => `/me/purchases/${p.id}`;

/** What came after the purchase: its refund, else the consumer's request, else nothing. */
function Aftermath({ purchase }: { purchase: Purchase }) {
  if (purchase.refund) return <ConsumerBadge table={refundStatusWords} status={purchase.refund.status} />;
  if (purchase.request) return <ConsumerBadge table={requestStatusWords} status={purchase.request.status} />;
  return <span className="text-zinc-500 dark:text-zinc-400">None</span>;
}

/** A purchase as a row of the bill (wider screens). */
export function PurchaseRow({ purchase: p }: { purchase: Purchase }) {
  return (
    <tr className={rowClasses}>
      <td className={`${cellClasses} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
        <LocalTime date={p.occurredAt} />
      </td>
      <td className={cellClasses}>
        <Link href={receiptHref(p)} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
          {p.product}
        </Link>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">{p.operator}</span>
      </td>
      <td className={cellClasses}>{p.machineName}</td>
      <td className={`${cellClasses} text-zinc-600 dark:text-zinc-400`}>{p.location ?? "—"}</td>
      <td className={`${cellClasses} tabular text-right font-medium whitespace-nowrap`}>{formatMoney(p.amountMinor, p.currency)}</td>
      <td className={cellClasses}>{p.paymentMethod ? paymentMethodLabel(p.paymentMethod) : "—"}</td>
      <td className={cellClasses}>
        <ConsumerBadge table={purchaseStatusWords} status={p.status} />
      </td>
      <td className={cellClasses}>
        <Aftermath purchase={p} />
      </td>
    </tr>
  );
}

/** A purchase as a card of the bill (phones): the whole card opens the receipt. */
export function PurchaseCard({ purchase: p }: { purchase: Purchase }) {
  return (
    <li>
      <Link
        href={receiptHref(p)}
        className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-3 shadow-xs hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800/60"
      >
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex items-baseline justify-between gap-2">
            <span className="truncate font-medium text-zinc-900 dark:text-zinc-100">{p.product}</span>
            <span className="tabular shrink-0 font-semibold">{formatMoney(p.amountMinor, p.currency)}</span>
          </div>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {p.machineName}
            {p.location && ` · ${p.location}`} · {p.operator}
          </p>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <LocalTime date={p.occurredAt} />
            {p.paymentMethod && <span>· {paymentMethodLabel(p.paymentMethod)}</span>}
            <ConsumerBadge table={purchaseStatusWords} status={p.status} />
            {(p.refund || p.request) && <Aftermath purchase={p} />}
          </div>
        </div>
        <ChevronRight aria-hidden className="size-4 shrink-0 text-zinc-500" />
      </Link>
    </li>
  );
}
