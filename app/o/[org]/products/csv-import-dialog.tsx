"use client";

import { Download, FileUp, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { DialogFooter } from "~/app/_components/ui/dialog-actions";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";

const MAX_BYTES = 2_000_000;

/**
 * The text of a CSV file as a spreadsheet saved it: UTF-8, or the Windows code page older Excel
 * versions write, which UTF-8 decoding turns into replacement characters.
 */
export async function csvText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  const text = new TextDecoder("utf-8").decode(bytes);
  return text.includes("\uFFFD") ? new TextDecoder("windows-1252").decode(bytes) : text;
}

export interface CsvImportState {
  /** The file's text, once read. */
  csv: string | null;
  fileName: string | null;
}

/**
 * A dialog that imports a CSV file in two steps: choose the file (its preview appears), then
 * confirm. Nothing is written before the confirmation; the caller previews and imports.
 */
export function CsvImportDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  example,
  options,
  onFile,
  previewing,
  preview,
  error,
  result,
  importing,
  confirmLabel,
  canConfirm,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  /** A small file to start from: its name and content. */
  example: { fileName: string; csv: string };
  /** Choices made before the file is read (they apply to the preview too). */
  options?: React.ReactNode;
  onFile: (file: CsvImportState) => void;
  previewing: boolean;
  preview: React.ReactNode;
  error: string | null;
  /** What the import did, once confirmed. */
  result: string | null;
  importing: boolean;
  confirmLabel: string;
  canConfirm: boolean;
  onConfirm: () => void;
}) {
  const t = useTranslations("products.csvImport");
  const ui = useTranslations("common.ui");
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function choose(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BYTES) {
      setFileError(t("tooLarge"));
      onFile({ csv: null, fileName: file.name });
      return;
    }
    onFile({ csv: await csvText(file), fileName: file.name });
  }

  function openChange(next: boolean) {
    if (!next) {
      setFileName(null);
      setFileError(null);
      if (input.current) input.current.value = "";
    }
    onOpenChange(next);
  }

  return (
    <Modal open={open} onOpenChange={openChange} trigger={trigger} title={title} description={description} wide>
      <div className="space-y-4">
        {options}
        {!result && (
          <div className="flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-zinc-300 p-3 dark:border-zinc-700">
            <label htmlFor={inputId} className="sr-only">
              {t("fileLabel")}
            </label>
            <input
              ref={input}
              id={inputId}
              type="file"
              tabIndex={-1}
              accept=".csv,text/csv,text/plain"
              className="sr-only"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <Button onClick={() => input.current?.click()} aria-describedby={`${inputId}-name`} disabled={importing}>
              <FileUp aria-hidden />
              {fileName ? t("chooseAnother") : t("choose")}
            </Button>
            <span id={`${inputId}-name`} className="min-w-0 flex-1 truncate text-[13px] text-zinc-600 dark:text-zinc-400">
              {fileName ?? t("noFile")}
            </span>
            <a
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(example.csv)}`}
              download={example.fileName}
              className="inline-flex items-center gap-1 text-[13px] font-medium text-brand-700 hover:underline dark:text-brand-400"
            >
              <Download aria-hidden className="size-3.5" />
              {t("example")}
            </a>
          </div>
        )}
        <FormAlert message={fileError ?? error} />
        <FormAlert message={result} tone="success" />
        {previewing ? (
          <p role="status" className="flex items-center gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
            <LoaderCircle aria-hidden className="size-4 animate-spin" />
            {t("reading")}
          </p>
        ) : (
          preview
        )}
        <DialogFooter>
          <Button onClick={() => openChange(false)} disabled={importing}>
            {result ? ui("close") : ui("cancel")}
          </Button>
          {!result && (
            <Button variant="primary" onClick={onConfirm} disabled={!canConfirm || importing || previewing}>
              {importing && <LoaderCircle aria-hidden className="animate-spin" />}
              {confirmLabel}
            </Button>
          )}
        </DialogFooter>
      </div>
    </Modal>
  );
}
