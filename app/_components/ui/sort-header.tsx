"use client";

import clsx from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useState } from "react";

export type SortDirection = "asc" | "desc";

/** Client-side sort state of a table: `sortBy(key)` sorts by a column, or flips it if already sorted by it. */
export function useTableSort<K extends string>(initial: K, initialDirection: SortDirection = "asc") {
  const [sort, setSort] = useState<{ key: K; direction: SortDirection }>({ key: initial, direction: initialDirection });
  const sortBy = (key: K) => setSort((s) => ({ key, direction: s.key === key && s.direction === "asc" ? "desc" : "asc" }));
  return { sort, sortBy };
}

/** A table column header that sorts by its column when clicked; says how it is sorted. */
export function SortHeader({
  label,
  active,
  direction,
  onSort,
  align = "left",
  className,
}: {
  label: string;
  active: boolean;
  direction: SortDirection;
  onSort: () => void;
  align?: "left" | "right";
  className?: string;
}) {
  const Icon = !active ? ArrowUpDown : direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <th
      scope="col"
      aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"}
      className={clsx("px-3 py-2 font-medium", align === "right" && "text-right", className)}
    >
      <button
        type="button"
        onClick={onSort}
        className={clsx(
          "-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-zinc-900 dark:hover:text-zinc-100",
          active && "text-zinc-900 dark:text-zinc-100",
        )}
      >
        {label}
        <Icon aria-hidden className={clsx("size-3.5", !active && "opacity-40")} />
      </button>
    </th>
  );
}
