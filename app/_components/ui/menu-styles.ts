import clsx from "clsx";

/** The look of dropdown menus and their items (Radix DropdownMenu). */
export const menuContentClasses = clsx(
  "z-50 min-w-56 overflow-hidden rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg",
  "dark:border-zinc-800 dark:bg-zinc-900",
  "data-[state=open]:animate-pop",
);

export const menuItemClasses = clsx(
  "flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-zinc-700 outline-none select-none",
  "data-highlighted:bg-zinc-100 data-highlighted:text-zinc-900 data-disabled:opacity-50",
  "dark:text-zinc-300 dark:data-highlighted:bg-zinc-800 dark:data-highlighted:text-white [&_svg]:size-4 [&_svg]:text-zinc-500",
);

export const menuLabelClasses = "px-2 pt-1.5 pb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400";

export const menuSeparatorClasses = "my-1 h-px bg-zinc-200 dark:bg-zinc-800";
