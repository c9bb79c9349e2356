"use client";

import clsx from "clsx";
import { Package, Pencil } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { ProductDialog, type ProductRow as Product } from "./product-dialog";

/** The share of the price that is left after the cost; null for a free product. */
export function marginOf(p: Pick<Product, "priceMinor" | "costMinor">): number | null {
  return p.priceMinor > 0 ? (p.priceMinor - p.costMinor) / p.priceMinor : null;
}

const muted = "text-zinc-500 dark:text-zinc-400";

/** One product of the catalog: picture, name, SKU, category, price, cost, margin, state, edit. */
export function ProductRow({
  product,
  categories,
  editable,
  selected,
  onSelect,
}: {
  product: Product;
  categories: string[];
  editable: boolean;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}) {
  const t = useTranslations("products.table");
  const f = useFormat();
  const org = useOrg();
  const margin = marginOf(product);
  return (
    <tr className={clsx(rowClasses, selected && "bg-brand-50/40 dark:bg-brand-500/5")}>
      {onSelect && (
        <td className={clsx(cellClasses, "w-8 pr-0")}>
          <input
            type="checkbox"
            checked={selected ?? false}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={t("select", { name: product.name })}
            className="size-4 rounded border-zinc-300 accent-brand-600"
          />
        </td>
      )}
      <td className={cellClasses}>
        <div className="flex items-center gap-2.5">
          {product.imageUrl ? (
            // Operators' image hosts are arbitrary; next/image would need each one configured.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={product.imageUrl} alt="" loading="lazy" className="size-8 shrink-0 rounded-md border border-zinc-200 object-cover dark:border-zinc-700" />
          ) : (
            <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-500 dark:bg-zinc-800">
              <Package className="size-4" />
            </span>
          )}
          <span className="font-medium whitespace-nowrap text-zinc-900 dark:text-zinc-100">{product.name}</span>
        </div>
      </td>
      <td className={clsx(cellClasses, "font-mono text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{product.sku}</td>
      <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{product.category || <span className={muted}>—</span>}</td>
      <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap text-zinc-900 dark:text-zinc-100")}>{f.money(product.priceMinor, org.currency)}</td>
      <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{f.money(product.costMinor, org.currency)}</td>
      <td
        className={clsx(
          cellClasses,
          "tabular text-right whitespace-nowrap",
          margin === null ? muted : margin < 0 ? "text-red-600 dark:text-red-400" : "text-zinc-700 dark:text-zinc-300",
        )}
      >
        {margin === null ? "—" : f.percent(margin)}
      </td>
      <td className={cellClasses}>
        <StatusBadge status={product.active ? "active" : "inactive"} />
      </td>
      {editable && (
        <td className={clsx(cellClasses, "text-right")}>
          <ProductDialog
            product={product}
            categories={categories}
            trigger={
              <Button variant="ghost" size="sm" aria-label={t("edit", { name: product.name })}>
                <Pencil aria-hidden />
                <span className="hidden sm:inline">{t("editShort")}</span>
              </Button>
            }
          />
        </td>
      )}
    </tr>
  );
}
