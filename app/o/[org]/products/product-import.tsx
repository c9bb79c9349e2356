"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { useFormat } from "~/app/_components/i18n/format";
import { toMajorText } from "~/server/money";
import { CsvImportDialog, type CsvImportState } from "./csv-import-dialog";
import { ImportRows } from "./import-rows";

type Preview = RouterOutputs["products"]["previewImport"];
type Row = Preview["rows"][number];

/** Imports products from a CSV file: a preview of every row first, then one import of the good rows. */
export function ProductImport({ trigger }: { trigger: React.ReactNode }) {
  const t = useTranslations("products.productImport");
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<CsvImportState>({ csv: null, fileName: null });
  const preview = useMutation(trpc.products.previewImport.mutationOptions());
  const run = useMutation(
    trpc.products.import.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.products.list.queryKey({ orgId: org.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.planogram.pathKey() });
      },
    }),
  );
  const money = (minor: number) => f.money(minor, org.currency);
  const shown = (field: Row["changes"][number]["field"], value: unknown) =>
    field === "priceMinor" || field === "costMinor" ? money(Number(value)) : field === "active" ? (value ? t("yes") : t("no")) : String(value ?? "") || "—";

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setFile({ csv: null, fileName: null });
      preview.reset();
      run.reset();
    }
  }

  function onFile(next: CsvImportState) {
    setFile(next);
    run.reset();
    if (next.csv === null) preview.reset();
    else preview.mutate({ orgId: org.id, csv: next.csv });
  }

  const data = preview.data;
  const writes = data ? data.counts.new + data.counts.update : 0;
  const done = run.data;
  const result = done && [
    t("result.new", { count: done.counts.new }),
    t("result.update", { count: done.counts.update }),
    ...(done.counts.unchanged > 0 ? [t("result.unchanged", { count: done.counts.unchanged })] : []),
  ];
  return (
    <CsvImportDialog
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={t("title")}
      description={t("description", { currency: org.currency, example: toMajorText(250, org.currency) })}
      example={{
        fileName: "products.csv",
        csv: `sku,name,category,price,cost,active\nCOLA-033,Cola 0.33 l,Drinks,${toMajorText(250, org.currency)},${toMajorText(90, org.currency)},yes\n`,
      }}
      onFile={onFile}
      previewing={preview.isPending}
      error={errorMessageOf(preview.error) ?? errorMessageOf(run.error)}
      result={
        done && result
          ? done.counts.error > 0
            ? t("result.withErrors", { parts: result.join(t("result.separator")), errors: done.counts.error })
            : t("result.done", { parts: result.join(t("result.separator")) })
          : null
      }
      preview={
        data &&
        !done && (
          <>
            <ImportRows rows={data.rows} counts={data.counts} ignoredColumns={data.ignoredColumns}>
              {(r) => (
                <>
                  <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{r.sku || t("noSku")}</span>
                  <span className="min-w-0 font-medium break-words text-zinc-900 dark:text-zinc-100">{r.name}</span>
                  {r.outcome === "new" && r.values && <span className="tabular text-zinc-600 dark:text-zinc-400">{money(r.values.priceMinor)}</span>}
                  {r.changes.length > 0 && (
                    <span className="w-full text-zinc-600 dark:text-zinc-400">
                      {r.changes.map((c) => t("change", { field: t(`fields.${c.field}`), from: shown(c.field, c.from), to: shown(c.field, c.to) })).join(t("changeSeparator"))}
                    </span>
                  )}
                </>
              )}
            </ImportRows>
            {data.counts.error > 0 && (
              <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
                {t("errorsNote")}
              </p>
            )}
          </>
        )
      }
      importing={run.isPending}
      canConfirm={Boolean(file.csv && data && writes > 0)}
      confirmLabel={
        !data
          ? t("import")
          : writes === 0
            ? t("nothing")
            : data.counts.error > 0
              ? t("importSkipping", { count: writes, errors: data.counts.error })
              : t("importCount", { count: writes })
      }
      onConfirm={() => file.csv && run.mutate({ orgId: org.id, csv: file.csv })}
    />
  );
}
