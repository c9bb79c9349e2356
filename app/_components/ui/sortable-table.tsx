"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { SearchInput } from "./search-input";
import { SortHeader, useTableSort } from "./sort-header";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "./table-styles";

/** One column of a `SortableTable`: how it shows, and the value it sorts by. */
export interface Column<T> {
  key: string;
  label: string;
  align?: "left" | "right";
  sortValue: (row: T) => number | string | null;
  render: (row: T) => React.ReactNode;
}

/**
 * A dense table of rows already in memory that sorts by any column and filters by a search over
 * `searchText`. Empty rows (or no match) say so.
 */
export function SortableTable<T>({
  rows,
  columns,
  rowKey,
  initialSort,
  initialDirection = "desc",
  searchLabel,
  searchText,
  empty,
  caption,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  initialSort: string;
  initialDirection?: "asc" | "desc";
  searchLabel?: string;
  searchText?: (row: T) => string;
  empty: string;
  caption: string;
}) {
  const t = useTranslations("common.ui.table");
  const { sort, sortBy } = useTableSort(initialSort, initialDirection);
  const [search, setSearch] = useState("");
  const direction = sort.direction;
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const filtered = needle && searchText ? rows.filter((r) => searchText(r).toLowerCase().includes(needle)) : rows;
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]!;
    const sign = direction === "asc" ? 1 : -1;
    return [...filtered].sort((a, b) => {
      const x = column.sortValue(a);
      const y = column.sortValue(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : x < y ? -1 : 1) * sign;
    });
  }, [rows, columns, sort.key, direction, search, searchText]);

  return (
    <div>
      {searchText && (
        <div className="border-b border-zinc-200 p-2 dark:border-zinc-800">
          <SearchInput label={searchLabel ?? t("filter")} value={search} onChange={setSearch} placeholder={searchLabel} className="max-w-xs" />
        </div>
      )}
      <div className="overflow-x-auto">
        <table className={tableClasses}>
          <caption className="sr-only">{caption}</caption>
          <thead className={theadClasses}>
            <tr>
              {columns.map((c) => (
                <SortHeader
                  key={c.key}
                  label={c.label}
                  align={c.align}
                  active={sort.key === c.key}
                  direction={direction}
                  onSort={() => sortBy(c.key)}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)} className={rowClasses}>
                {columns.map((c) => (
                  <td key={c.key} className={clsx(cellClasses, c.align === "right" && "text-right tabular")}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-3 py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">
                  {rows.length === 0 ? empty : t("noMatch")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
