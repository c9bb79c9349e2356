"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { FileUp, Package, Plus, Tag } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { SearchInput } from "~/app/_components/ui/search-input";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { BulkPriceDialog } from "./bulk-price-dialog";
import { ProductDialog, type ProductRow as Product } from "./product-dialog";
import { ProductImport } from "./product-import";
import { ProductRow, marginOf } from "./product-row";

type SortKey = "name" | "sku" | "category" | "price" | "cost" | "margin" | "active";

const byName = (a: Product, b: Product) => a.name.localeCompare(b.name, "en", { sensitivity: "base" });
const compare: Record<SortKey, (a: Product, b: Product) => number> = {
  name: byName,
  sku: (a, b) => a.sku.localeCompare(b.sku),
  category: (a, b) => a.category.localeCompare(b.category, "en", { sensitivity: "base" }),
  price: (a, b) => a.priceMinor - b.priceMinor,
  cost: (a, b) => a.costMinor - b.costMinor,
  margin: (a, b) => (marginOf(a) ?? -Infinity) - (marginOf(b) ?? -Infinity),
  active: (a, b) => Number(b.active) - Number(a.active),
};

const states = ["active", "inactive"] as const;

/** The catalog: search by name or SKU, filter by category and state, sort any column. */
export function ProductsTable() {
  const t = useTranslations("products.table");
  const status = useTranslations("common.status");
  const org = useOrg();
  const trpc = useTRPC();
  const { data: products } = useSuspenseQuery(trpc.products.list.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState<string | null>(null);
  const [active, setActive] = useState<"active" | "inactive" | null>(null);
  const { sort, sortBy } = useTableSort<SortKey>("name");
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const manager = hasRole(org.role, "manager");

  const categories = useMemo(() => [...new Set(products.map((p) => p.category).filter(Boolean))].sort(), [products]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const sign = sort.direction === "asc" ? 1 : -1;
    return products
      .filter(
        (p) =>
          (!category || p.category === category) &&
          (!active || p.active === (active === "active")) &&
          (!needle || p.name.toLowerCase().includes(needle) || p.sku.toLowerCase().includes(needle)),
      )
      .sort((a, b) => sign * compare[sort.key](a, b) || byName(a, b));
  }, [products, search, category, active, sort]);

  // Products that are gone since (another person's change) drop out of the selection.
  const selected = products.filter((p) => selectedIds.has(p.id));
  const allShown = rows.length > 0 && rows.every((p) => selectedIds.has(p.id));
  const select = (ids: string[], on: boolean) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  if (products.length === 0) {
    return (
      <EmptyState
        icon={<Package />}
        title={manager ? t("emptyManagerTitle") : t("emptyTitle")}
        action={
          manager && (
            <div className="flex flex-wrap justify-center gap-2">
              <ProductImport
                trigger={
                  <Button>
                    <FileUp aria-hidden />
                    {t("importCsv")}
                  </Button>
                }
              />
              <ProductDialog
                trigger={
                  <Button variant="primary">
                    <Plus aria-hidden />
                    {t("addProduct")}
                  </Button>
                }
              />
            </div>
          )
        }
      >
        {t("emptyBody")}
      </EmptyState>
    );
  }

  const activeOptions = states.map((value) => ({ value, label: status(value) }));
  const header = (key: SortKey, label: string, align?: "right") => (
    <SortHeader
      label={label}
      active={sort.key === key}
      direction={sort.direction}
      align={align}
      className="whitespace-nowrap"
      onSort={() => sortBy(key)}
    />
  );

  return (
    <section aria-labelledby="products-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <h2 id="products-heading" className="mr-auto text-sm font-semibold">
          {t.rich("count", { count: products.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
          {rows.length !== products.length && (
            <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">
              {t.rich("showing", { count: rows.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
            </span>
          )}
        </h2>
        {categories.length > 0 && (
          <FilterChip label={t("category")} value={category} options={categories.map((c) => ({ value: c, label: c }))} onChange={setCategory} />
        )}
        <FilterChip label={t("stateFilter")} value={active} options={activeOptions} onChange={setActive} />
        <SearchInput label={t("searchLabel")} value={search} onChange={setSearch} placeholder={t("searchPlaceholder")} className="w-full sm:w-64" />
      </div>
      {manager && selected.length > 0 && (
        <div
          role="region"
          aria-label={t("selectedLabel")}
          className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-brand-200 bg-brand-50/60 px-3 py-2 text-[13px] dark:border-brand-500/30 dark:bg-brand-500/10"
        >
          <span className="mr-auto font-medium text-zinc-800 dark:text-zinc-200">
            {t.rich("selected", { count: selected.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
          </span>
          <Button size="sm" variant="ghost" onClick={() => setSelectedIds(new Set())}>
            {t("clear")}
          </Button>
          <BulkPriceDialog
            products={selected}
            onDone={() => setSelectedIds(new Set())}
            trigger={
              <Button size="sm" variant="primary">
                <Tag aria-hidden />
                {t("changePrices")}
              </Button>
            }
          />
        </div>
      )}
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="products-heading">
          <thead className={theadClasses}>
            <tr>
              {manager && (
                <th scope="col" className="w-8 py-2 pr-0 pl-3">
                  <input
                    type="checkbox"
                    checked={allShown}
                    disabled={rows.length === 0}
                    onChange={(e) => select(rows.map((p) => p.id), e.target.checked)}
                    aria-label={rows.length === products.length ? t("selectAll") : t("selectShown")}
                    className="size-4 rounded border-zinc-300 accent-brand-600"
                  />
                </th>
              )}
              {header("name", t("columns.product"))}
              {header("sku", t("columns.sku"))}
              {header("category", t("columns.category"))}
              {header("price", t("columns.price"), "right")}
              {header("cost", t("columns.cost"), "right")}
              {header("margin", t("columns.margin"), "right")}
              {header("active", t("columns.state"))}
              {manager && (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("columns.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <ProductRow
                key={p.id}
                product={p}
                categories={categories}
                editable={manager}
                selected={selectedIds.has(p.id)}
                onSelect={manager ? (on) => select([p.id], on) : undefined}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <EmptyState icon={<Package />} title={t("noMatchTitle")} className="m-4 border-0">
            {t("noMatchBody")}
          </EmptyState>
        )}
      </div>
    </section>
  );
}
