"use client";

import clsx from "clsx";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import type { PlanogramImportMode } from "~/server/inventory/contract";
import { formatMoney, toMajorText } from "~/server/money";
import { CsvImportDialog, type CsvImportState } from "./csv-import-dialog";
import { ImportRows } from "./import-rows";

type Preview = RouterOutputs["planogram"]["previewImport"];

const modes: { value: PlanogramImportMode; label: string; hint: string }[] = [
  { value: "merge", label: "Merge", hint: "The file's slots are added or changed; a machine's other slots stay as they are." },
  { value: "replace", label: "Replace", hint: "Each machine the file names gets exactly the file's slots; its other slots are removed." },
];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the import does to each machine the file names. */
function MachineSummary({ machines, mode }: { machines: Preview["machines"]; mode: PlanogramImportMode }) {
  if (machines.length === 0) return null;
  return (
    <ul aria-label="Machines" className="space-y-1 text-[13px]">
      {machines.map((m) => (
        <li key={m.machineId} className={clsx("rounded-md px-3 py-1.5", m.skipped ? "bg-amber-50 dark:bg-amber-950/30" : "bg-zinc-50 dark:bg-zinc-800/50")}>
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{m.name}</span>{" "}
          <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{m.serial}</span>
          <span className="text-zinc-600 dark:text-zinc-400">
            {" · "}
            {m.skipped
              ? `left unchanged: ${m.issues[0]?.message ?? "fix the errors in its rows and import again."}`
              : !m.changed
                ? "already matches the file"
                : mode === "replace"
                  ? `${plural(m.rows, "slot")}${m.removed.length > 0 ? `, removes ${m.removed.join(", ")}` : ""}`
                  : `${plural(m.rows, "slot")} merged`}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Imports planograms from a CSV file: one slot per row, for any machines of the org; preview first. */
export function PlanogramImport({ trigger }: { trigger: React.ReactNode }) {
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
      title="Import planograms"
      description={
        <>
          One slot per row: machine (its serial or name), slot (like A1), sku (empty for an empty slot), capacity, par, and optionally price to override the
          product&apos;s, in {org.currency} (empty: the product&apos;s own price).
        </>
      }
      example={{ fileName: "planograms.csv", csv: `machine,slot,sku,capacity,par,price\nSN-1001,A1,COLA-033,10,3,\nSN-1001,A2,WATER-05,10,3,${toMajorText(150, org.currency)}\n` }}
      options={
        !done && (
          <fieldset>
            <legend className="mb-1.5 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">Each machine&apos;s planogram</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {modes.map((m) => (
                <label
                  key={m.value}
                  className={clsx(
                    "flex cursor-pointer gap-2.5 rounded-lg border p-2.5 text-[13px]",
                    mode === m.value ? "border-brand-500 bg-brand-50/50 dark:bg-brand-500/10" : "border-zinc-200 dark:border-zinc-700",
                  )}
                >
                  <input
                    type="radio"
                    name="planogram-import-mode"
                    value={m.value}
                    checked={mode === m.value}
                    onChange={() => {
                      setMode(m.value);
                      read(file.csv, m.value);
                    }}
                    className="mt-0.5 size-4 accent-brand-600"
                  />
                  <span>
                    <span className="font-medium text-zinc-900 dark:text-zinc-100">{m.label}</span>
                    <span className="block text-xs text-zinc-500 dark:text-zinc-400">{m.hint}</span>
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
      result={done ? `Planograms imported for ${plural(doneCount, "machine")}${skipped > 0 ? `; ${plural(skipped, "machine")} with errors left unchanged` : ""}.` : null}
      preview={
        data &&
        !done && (
          <div className="space-y-3">
            <MachineSummary machines={data.machines} mode={data.mode} />
            <ImportRows rows={data.rows} counts={data.counts} ignoredColumns={data.ignoredColumns}>
              {(r) => (
                <>
                  <span className="min-w-0 break-words text-zinc-700 dark:text-zinc-300">{r.machine || "no machine"}</span>
                  <span className="font-mono text-xs font-semibold text-zinc-900 dark:text-zinc-100">{r.slot}</span>
                  <span className="min-w-0 break-words text-zinc-600 dark:text-zinc-400">{r.productName ?? (r.sku || "empty slot")}</span>
                  {r.capacity !== null && r.parLevel !== null && (
                    <span className="tabular text-zinc-500 dark:text-zinc-400">
                      {r.capacity} / par {r.parLevel}
                    </span>
                  )}
                  {r.priceOverrideMinor !== null && <span className="tabular text-zinc-500 dark:text-zinc-400">{formatMoney(r.priceOverrideMinor, org.currency)}</span>}
                </>
              )}
            </ImportRows>
            {data.counts.error > 0 && (
              <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
                A machine with an error in any of its rows is left unchanged, so it never gets half a planogram; fix the rows and import again.
              </p>
            )}
          </div>
        )
      }
      importing={run.isPending}
      canConfirm={Boolean(file.csv && applied.length > 0)}
      confirmLabel={!data ? "Import" : applied.length === 0 ? "Nothing to import" : `${mode === "replace" ? "Replace" : "Update"} ${plural(applied.length, "planogram")}`}
      onConfirm={() => file.csv && run.mutate({ orgId: org.id, csv: file.csv, mode })}
    />
  );
}
