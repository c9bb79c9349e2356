"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { formatMoney, toMajorText } from "~/server/money";
import { CsvImportDialog, type CsvImportState } from "./csv-import-dialog";
import { ImportRows } from "./import-rows";

type Preview = RouterOutputs["products"]["previewImport"];
type Row = Preview["rows"][number];

const fieldLabels: Record<Row["changes"][number]["field"], string> = {
  name: "name",
  category: "category",
  priceMinor: "price",
  costMinor: "cost",
  imageUrl: "image",
  active: "active",
};

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Imports products from a CSV file: a preview of every row first, then one import of the good rows. */
export function ProductImport({ trigger }: { trigger: React.ReactNode }) {
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
  const money = (minor: number) => formatMoney(minor, org.currency);
  const shown = (field: Row["changes"][number]["field"], value: unknown) =>
    field === "priceMinor" || field === "costMinor" ? money(Number(value)) : field === "active" ? (value ? "yes" : "no") : String(value ?? "") || "—";

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
  return (
    <CsvImportDialog
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title="Import products"
      description={
        <>
          One product per row, matched by SKU: new SKUs are added, known ones updated. Columns: sku, name, price, and optionally cost, category, active (yes or
          no), image_url. Prices in {org.currency}, like {toMajorText(250, org.currency)}. An empty cell keeps the product&apos;s current value.
        </>
      }
      example={{
        fileName: "products.csv",
        csv: `sku,name,category,price,cost,active\nCOLA-033,Cola 0.33 l,Drinks,${toMajorText(250, org.currency)},${toMajorText(90, org.currency)},yes\n`,
      }}
      onFile={onFile}
      previewing={preview.isPending}
      error={errorMessageOf(preview.error) ?? errorMessageOf(run.error)}
      result={
        done
          ? `Imported: ${plural(done.counts.new, "new product")}, ${plural(done.counts.update, "update")}${done.counts.unchanged > 0 ? `, ${done.counts.unchanged} unchanged` : ""}${done.counts.error > 0 ? `; ${plural(done.counts.error, "row")} with errors skipped` : ""}.`
          : null
      }
      preview={
        data &&
        !done && (
          <>
            <ImportRows rows={data.rows} counts={data.counts} ignoredColumns={data.ignoredColumns}>
              {(r) => (
                <>
                  <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{r.sku || "no SKU"}</span>
                  <span className="min-w-0 font-medium break-words text-zinc-900 dark:text-zinc-100">{r.name}</span>
                  {r.outcome === "new" && r.values && <span className="tabular text-zinc-600 dark:text-zinc-400">{money(r.values.priceMinor)}</span>}
                  {r.changes.length > 0 && (
                    <span className="w-full text-zinc-600 dark:text-zinc-400">
                      {r.changes.map((c) => `${fieldLabels[c.field]} ${shown(c.field, c.from)} → ${shown(c.field, c.to)}`).join("; ")}
                    </span>
                  )}
                </>
              )}
            </ImportRows>
            {data.counts.error > 0 && (
              <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
                Rows with errors are skipped; fix them in the file and import it again to add them (rows already imported stay unchanged).
              </p>
            )}
          </>
        )
      }
      importing={run.isPending}
      canConfirm={Boolean(file.csv && data && writes > 0)}
      confirmLabel={
        !data
          ? "Import"
          : writes === 0
            ? "Nothing to import"
          : `Import ${plural(writes, "product")}${data.counts.error > 0 ? `, skip ${plural(data.counts.error, "row")}` : ""}`
      }
      onConfirm={() => file.csv && run.mutate({ orgId: org.id, csv: file.csv })}
    />
  );
}
