"use client";

import clsx from "clsx";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import type { PlanogramImportMode } from "~/server/inventory/contract";
import { useFormat } from "~/app/_components/i18n/format";
import { toMajorText } from "~/server/money";
import { CsvImportDialog, type CsvImportState } from "./csv-import-dialog";
import { ImportRows } from "./import-rows";

type Preview = RouterOutputs["planogram"]["previewImport"];

const modes: readonly PlanogramImportMode[] = ["merge", "replace"];

/** What the import does to each machine the file names. */
function MachineSummary({ machines, mode }: { machines: Preview["machines"]; mode: PlanogramImportMode }) {
  const t = useTranslations("products.planogramImport");
  if (machines.length === 0) return null;
  return (
    <ul aria-label={t("machinesLabel")} className="space-y-1 text-[13px]">
      {machines.map((m) => (
        <li key={m.machineId} className={clsx("rounded-md px-3 py-1.5", m.skipped ? "bg-amber-50 dark:bg-amber-950/30" : "bg-zinc-50 dark:bg-zinc-800/50")}>
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{m.name}</span>{" "}
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{m.serial}</span>
          <span className="text-zinc-600 dark:text-zinc-400">
            {" · "}
            {m.skipped
              ? t("leftUnchanged", { reason: m.issues[0]?.message ?? t("fixRows") })
              : !m.changed
                ? t("matches")
                : mode === "replace"
                  ? m.removed.length > 0
                    ? t("replaceRemoves", { count: m.rows, slots: m.removed.join(", ") })
                    : t("replace", { count: m.rows })
                  : t("merged", { count: m.rows })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Imports planograms from a CSV file: one slot per row, for any machines of the org; preview first. */
export function PlanogramImport({ trigger }: { trigger: React.ReactNode }) {
  const t = useTranslations("products.planogramImport");
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<PlanogramImportMode>("merge");
  const [file, setFile] = useState<CsvImportState>({ csv: null, fileName: null });
  const preview = useMutation(trpc.planogram.previewImport.mutationOptions());
  const run = useMutation(
    trpc.planogram.import.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.planogram.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.machines.pathKey() });
      },
    }),
  );

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setFile({ csv: null, fileName: null });
      preview.reset();
      run.reset();
    }
  }

  function read(csv: string | null, nextMode: PlanogramImportMode) {
    run.reset();
    if (csv === null) preview.reset();
    else preview.mutate({ orgId: org.id, csv, mode: nextMode });
  }

  const data = preview.data;
  const applied = data?.machines.filter((m) => !m.skipped && m.changed) ?? [];
  const done = run.data;
  const doneCount = done?.machines.filter((m) => !m.skipped && m.changed).length ?? 0;
  const skipped = done?.machines.filter((m) => m.skipped).length ?? 0;
  return (
    <CsvImportDialog
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={t("title")}
      description={t("description", { currency: org.currency })}
      example={{ fileName: "planograms.csv", csv: `machine,slot,sku,capacity,par,price\nSN-1001,A1,COLA-033,10,3,\nSN-1001,A2,WATER-05,10,3,${toMajorText(150, org.currency)}\n` }}
      options={
        !done && (
          <fieldset>
            <legend className="mb-1.5 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("modeLegend")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {modes.map((m) => (
                <label
                  key={m}
                  className={clsx(
                    "flex cursor-pointer gap-2.5 rounded-lg border p-2.5 text-[13px]",
                    mode === m ? "border-brand-500 bg-brand-50/50 dark:bg-brand-500/10" : "border-zinc-200 dark:border-zinc-700",
                  )}
                >
                  <input
                    type="radio"
                    name="planogram-import-mode"
                    value={m}
                    checked={mode === m}
                    onChange={() => {
                      setMode(m);
                      read(file.csv, m);
                    }}
                    className="mt-0.5 size-4 accent-brand-600"
                  />
                  <span>
                    <span className="font-medium text-zinc-900 dark:text-zinc-100">{t(`modes.${m}.label`)}</span>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t(`modes.${m}.hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )
      }
      onFile={(next) => {
        setFile(next);
        read(next.csv, mode);
      }}
      previewing={preview.isPending}
      error={errorMessageOf(preview.error) ?? errorMessageOf(run.error)}
      result={done ? (skipped > 0 ? t("resultSkipped", { count: doneCount, skipped }) : t("result", { count: doneCount })) : null}
      preview={
        data &&
        !done && (
          <div className="space-y-3">
            <MachineSummary machines={data.machines} mode={data.mode} />
            <ImportRows rows={data.rows} counts={data.counts} ignoredColumns={data.ignoredColumns}>
              {(r) => (
                <>
                  <span className="min-w-0 break-words text-zinc-700 dark:text-zinc-300">{r.machine || t("noMachine")}</span>
                  <span className="font-mono text-xs font-semibold text-zinc-900 dark:text-zinc-100">{r.slot}</span>
                  <span className="min-w-0 break-words text-zinc-600 dark:text-zinc-400">{r.productName ?? (r.sku || t("emptySlot"))}</span>
                  {r.capacity !== null && r.parLevel !== null && (
                    <span className="tabular text-zinc-500 dark:text-zinc-400">
                      {t("capacityPar", { capacity: r.capacity, par: r.parLevel })}
                    </span>
                  )}
                  {r.priceOverrideMinor !== null && <span className="tabular text-zinc-500 dark:text-zinc-400">{f.money(r.priceOverrideMinor, org.currency)}</span>}
                </>
              )}
            </ImportRows>
            {data.counts.error > 0 && (
              <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
                {t("errorsNote")}
              </p>
            )}
          </div>
        )
      }
      importing={run.isPending}
      canConfirm={Boolean(file.csv && applied.length > 0)}
      confirmLabel={!data ? t("import") : applied.length === 0 ? t("nothing") : t(mode === "replace" ? "confirmReplace" : "confirmUpdate", { count: applied.length })}
      onConfirm={() => file.csv && run.mutate({ orgId: org.id, csv: file.csv, mode })}
    />
  );
}
