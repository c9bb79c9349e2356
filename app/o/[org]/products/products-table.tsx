"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Package, Plus } from "lucide-react";
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
import { ProductDialog, type ProductRow as Product } from "./product-dialog";
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

const activeOptions = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
] as const;

/** The catalog: search by name or SKU, filter by category and state, sort any column. */
export function ProductsTable() {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: products } = useSuspenseQuery(trpc.products.list.queryOptions({ orgId: org.id }));
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState<string | null>(null);
  const [active, setActive] = useState<"active" | "inactive" | null>(null);
  const { sort, sortBy } = useTableSort<SortKey>("name");
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

  if (products.length === 0) {
    return (
      <EmptyState
        icon={<Package />}
        title={manager ? "Add your first product" : "No products yet"}
        action={
          manager && (
            <ProductDialog
              trigger={
                <Button variant="primary">
                  <Plus aria-hidden />
                  Add product
                </Button>
              }
            />
          )
        }
      >
        Products are what your machines sell; each slot of a planogram holds one.
      </EmptyState>
    );
  }

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
          <span className="tabular">{products.length}</span> {products.length === 1 ? "product" : "products"}
          {rows.length !== products.length && (
            <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">
              (showing <span className="tabular">{rows.length}</span>)
            </span>
          )}
        </h2>
        {categories.length > 0 && (
          <FilterChip label="Category" value={category} options={categories.map((c) => ({ value: c, label: c }))} onChange={setCategory} />
        )}
        <FilterChip label="State" value={active} options={activeOptions} onChange={setActive} />
        <SearchInput label="Search products" value={search} onChange={setSearch} placeholder="Name or SKU" className="w-full sm:w-64" />
      </div>
      <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
        <table className={tableClasses} aria-labelledby="products-heading">
          <thead className={theadClasses}>
            <tr>
              {header("name", "Product")}
              {header("sku", "SKU")}
              {header("category", "Category")}
              {header("price", "Price", "right")}
              {header("cost", "Cost", "right")}
              {header("margin", "Margin", "right")}
              {header("active", "State")}
              {manager && (
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <ProductRow key={p.id} product={p} categories={categories} editable={manager} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <EmptyState icon={<Package />} title="No products match" className="m-4 border-0">
            Clear the search or the filters to see the whole catalog.
          </EmptyState>
        )}
      </div>
    </section>
  );
}
