import clsx from "clsx";

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join("").toUpperCase() || "?";
}

/** A person or organization shown as its initials in a coloured square. */
export function Avatar({ name, className, shape = "circle" }: { name: string; className?: string; shape?: "circle" | "square" }) {
  return (
    <span
      aria-hidden
      className={clsx(
        "inline-flex size-7 shrink-0 items-center justify-center text-[11px] font-semibold",
        shape === "circle"
          ? "rounded-full bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"
          : "rounded-md bg-brand-600 text-white dark:bg-brand-500",
        className,
      )}
    >
      {initialsOf(name)}
    </span>
  );
}
