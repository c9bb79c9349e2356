"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import type { ImportIssue, ImportOutcome } from "~/server/catalog/contract";

/** Outcomes in the product's colour language: added is fine, a change is in progress, an error needs action. */
const badgeOf: Record<ImportOutcome, string> = {
  new: "succeeded",
  update: "processing",
  unchanged: "inactive",
  error: "failed",
};

export function OutcomeBadge({ outcome }: { outcome: ImportOutcome }) {
  const t = useTranslations("products.importRows");
  return <StatusBadge status={badgeOf[outcome]} label={t(`outcome.${outcome}`)} />;
}

export interface PreviewRow {
  row: number;
  outcome: ImportOutcome;
  issues: ImportIssue[];
}

/**
 * The rows of an import's preview, in the file's order, each with its row number, outcome and
 * what to fix; a switch shows only the rows with errors.
 */
export function ImportRows<R extends PreviewRow>({
  rows,
  counts,
  ignoredColumns,
  children,
}: {
  rows: R[];
  counts: Record<ImportOutcome, number>;
  ignoredColumns: string[];
  /** The row's own content: what it adds or changes. */
  children: (row: R) => React.ReactNode;
}) {
  const t = useTranslations("products.importRows");
  const [onlyErrors, setOnlyErrors] = useState(false);
  const shown = onlyErrors ? rows.filter((r) => r.outcome === "error") : rows;
  return (
    <section aria-label={t("preview")} className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-[13px] text-zinc-700 dark:text-zinc-300">
        <p className="mr-auto">
          {(["new", "update", "unchanged", "error"] as const)
            .filter((o) => counts[o] > 0)
            .map((o) => t(`counts.${o}`, { count: counts[o] }))
            .join(" · ")}
        </p>
        {counts.error > 0 && (
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} className="size-4 rounded border-zinc-300 accent-brand-600" />
            {t("onlyErrors")}
          </label>
        )}
      </div>
      {ignoredColumns.length > 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("ignored", { columns: ignoredColumns.join(", ") })}</p>
      )}
      <ul aria-label={t("rowsLabel")} className="max-h-[45dvh] divide-y divide-zinc-100 overflow-y-auto rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {shown.map((r) => (
          <li
            key={r.row}
            aria-label={t("row", { row: String(r.row) })}
            className={clsx("flex gap-3 px-3 py-2 text-[13px]", r.outcome === "error" && "bg-red-50/60 dark:bg-red-950/20")}
          >
            <span className="w-12 shrink-0 pt-0.5 font-mono text-xs text-zinc-500 tabular dark:text-zinc-400">{t("row", { row: String(r.row) })}</span>
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <OutcomeBadge outcome={r.outcome} />
                {children(r)}
              </div>
              {r.issues.length > 0 && (
                <ul className="space-y-0.5 text-red-700 dark:text-red-300">
                  {r.issues.map((issue) => (
                    <li key={`${issue.column}-${issue.message}`}>
                      {issue.column && <span className="font-mono text-xs font-semibold">{issue.column}: </span>}
                      {issue.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
