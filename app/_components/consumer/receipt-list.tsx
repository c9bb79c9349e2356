import clsx from "clsx";

/** The body of a card that holds receipt lines: they run close to its edges, like a till roll. */
export const receiptCardBody = "px-4 py-1";

export interface ReceiptLine {
  label: string;
  value: React.ReactNode;
  /** Amounts: right-aligned, tabular figures, emphasised. */
  strong?: boolean;
}

/** A receipt-like summary: label on the left, value on the right, one line each. */
export function ReceiptList({ lines, className }: { lines: ReceiptLine[]; className?: string }) {
  return (
    <dl className={clsx("divide-y divide-dashed divide-zinc-200 text-sm dark:divide-zinc-800", className)}>
      {lines.map((line) => (
        <div key={line.label} className="flex items-baseline justify-between gap-4 py-2">
          <dt className="shrink-0 text-zinc-500 dark:text-zinc-400">{line.label}</dt>
          <dd className={clsx("min-w-0 text-right break-words", line.strong ? "tabular text-base font-semibold text-zinc-950 dark:text-white" : "text-zinc-900 dark:text-zinc-100")}>
            {line.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
