/** The look of the product's data tables: dense rows, quiet header, hover highlight. */
export const tableClasses = "w-full border-collapse text-left text-[13px]";
export const theadClasses =
  "border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400";
export const rowClasses = "border-b border-zinc-100 last:border-0 hover:bg-zinc-50/70 dark:border-zinc-800/70 dark:hover:bg-zinc-800/30";
export const cellClasses = "px-3 py-2.5 align-middle";
