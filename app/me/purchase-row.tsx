import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { useFormat } from "~/app/_components/i18n/format";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import type { Purchase } from "./purchases-query";

const receiptHref = (p: Purchase) => `/me/purchases/${p.id}`;

/** What came after the purchase: its refund, else the consumer's request, else nothing. */
function Aftermath({ purchase }: { purchase: Purchase }) {
  const t = useTranslations("consumer.me.purchases");
  if (purchase.refund) return <ConsumerBadge kind="refund" status={purchase.refund.status} />;
  if (purchase.request) return <ConsumerBadge kind="request" status={purchase.request.status} />;
  return <span className="text-zinc-500 dark:text-zinc-400">{t("none")}</span>;
}

/** A purchase as a row of the bill (wider screens). */
export function PurchaseRow({ purchase: p }: { purchase: Purchase }) {
  const f = useFormat();
  const methodLabel = usePaymentMethodLabel();
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
      <td className={`${cellClasses} tabular text-right font-medium whitespace-nowrap`}>{f.money(p.amountMinor, p.currency)}</td>
      <td className={cellClasses}>{p.paymentMethod ? methodLabel(p.paymentMethod) : "—"}</td>
      <td className={cellClasses}>
        <ConsumerBadge kind="purchase" status={p.status} />
      </td>
      <td className={cellClasses}>
        <Aftermath purchase={p} />
      </td>
    </tr>
  );
}

/** A purchase as a card of the bill (phones): the whole card opens the receipt. */
export function PurchaseCard({ purchase: p }: { purchase: Purchase }) {
  const f = useFormat();
  const methodLabel = usePaymentMethodLabel();
  return (
    <li>
      <Link
        href={receiptHref(p)}
        className="flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-3 shadow-xs hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800/60"
      >
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex items-baseline justify-between gap-2">
            <span className="truncate font-medium text-zinc-900 dark:text-zinc-100">{p.product}</span>
            <span className="tabular shrink-0 font-semibold">{f.money(p.amountMinor, p.currency)}</span>
          </div>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {p.machineName}
            {p.location && ` · ${p.location}`} · {p.operator}
          </p>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <LocalTime date={p.occurredAt} />
            {p.paymentMethod && <span>· {methodLabel(p.paymentMethod)}</span>}
            <ConsumerBadge kind="purchase" status={p.status} />
            {(p.refund || p.request) && <Aftermath purchase={p} />}
          </div>
        </div>
        <ChevronRight aria-hidden className="size-4 shrink-0 text-zinc-500" />
      </Link>
    </li>
  );
}
