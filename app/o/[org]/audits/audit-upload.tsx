"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { FileUp, LoaderCircle, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { MAX_FILES_PER_UPLOAD } from "~/server/audits/contract";
import { AUDIT_FILE_ACCEPT, readAuditFile } from "./audit-file";
import { UploadRows, type UploadRow } from "./upload-rows";

/** What one request carries at most, besides the file count: a few MB keeps each call quick on a slow line. */
const MAX_CHUNK_BASE64 = 6 * 1024 * 1024;

let keys = 0;

/** Groups the files into calls of at most 50 files and about 6 MB. */
function chunksOf(rows: UploadRow[]): UploadRow[][] {
  const chunks: UploadRow[][] = [];
  let current: UploadRow[] = [];
  let size = 0;
  for (const row of rows) {
    if (current.length > 0 && (current.length >= MAX_FILES_PER_UPLOAD || size + row.contentBase64.length > MAX_CHUNK_BASE64)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += row.contentBase64.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Many audit files at once: dropped or chosen, read in the browser, each proposed a machine from
 * its serial (ID101), then uploaded in calls of up to 50 with progress and every file's outcome.
 */
export function AuditUpload({ machines }: { machines: { id: string; name: string; serial: string }[] }) {
  const t = useTranslations("audits.upload");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [asked, setAsked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation(trpc.audits.upload.mutationOptions());

  const patch = (key: string, change: Partial<UploadRow>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const waiting = rows.filter((r) => !r.outcome && !r.problem);
  const busy = progress !== null;

  async function add(files: File[]) {
    setError(null);
    if (files.length === 0) return;
    const read = await Promise.all(files.map(readAuditFile));
    const added: UploadRow[] = read.map((f) => ({ ...f, key: `file-${++keys}`, machineId: "", matching: f.problem === null, proposedId: null, outcome: null }));
    setRows((list) => [...list, ...added]);
    const toMatch = added.filter((r) => r.matching);
    try {
      for (let i = 0; i < toMatch.length; i += MAX_FILES_PER_UPLOAD) {
        const part = toMatch.slice(i, i + MAX_FILES_PER_UPLOAD);
        const found = await queryClient.fetchQuery(trpc.audits.match.queryOptions({ orgId: org.id, serials: part.map((r) => r.serial) }));
        part.forEach((r, j) => patch(r.key, { matching: false, proposedId: found[j]?.id ?? null, machineId: found[j]?.id ?? "" }));
      }
    } catch (e) {
      setError(t("matchFailed", { error: errorMessageOf(e) ?? "" }));
      setRows((list) => list.map((r) => (r.matching ? { ...r, matching: false } : r)));
    }
  }

  async function send() {
    setAsked(true);
    setError(null);
    if (waiting.length === 0) return;
    if (waiting.some((r) => r.machineId === "" || r.matching)) {
      setError(t("chooseAll"));
      return;
    }
    setProgress({ done: 0, total: waiting.length });
    let done = 0;
    for (const chunk of chunksOf(waiting)) {
      try {
        const outcomes = await upload.mutateAsync({
          orgId: org.id,
          files: chunk.map((r) => ({ name: r.name, contentBase64: r.contentBase64, machineId: r.machineId })),
        });
        chunk.forEach((r, i) => patch(r.key, { outcome: outcomes[i] ?? { name: r.name, status: "failed", code: "missing", message: t("noAnswer") } }));
      } catch (e) {
        const message = errorMessageOf(e) ?? t("failed");
        chunk.forEach((r) => patch(r.key, { outcome: { name: r.name, status: "failed", code: "request_failed", message } }));
      }
      done += chunk.length;
      setProgress({ done, total: waiting.length });
    }
    setProgress(null);
    setAsked(false);
    await queryClient.invalidateQueries({ queryKey: trpc.audits.pathKey() });
  }

  const finished = rows.filter((r) => r.outcome);
  const accepted = finished.filter((r) => r.outcome?.status === "accepted").length;
  const duplicates = finished.filter((r) => r.outcome?.status === "duplicate").length;
  const failed = finished.filter((r) => r.outcome?.status === "failed").length;

  return (
    <Card
      id="upload"
      title={t("title")}
      description={t("description")}
    >
      <div className="space-y-4">
        <label
          htmlFor={inputId}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            if (!busy) void add([...e.dataTransfer.files]);
          }}
          className={clsx(
            "flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors has-focus-visible:border-brand-500 has-focus-visible:ring-3 has-focus-visible:ring-brand-500/20",
            dragging ? "border-brand-500 bg-brand-50 dark:bg-brand-500/10" : "border-zinc-300 hover:border-zinc-400 dark:border-zinc-700 dark:hover:border-zinc-600",
          )}
        >
          <FileUp aria-hidden className="size-6 text-zinc-500" />
          <span className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
            {t.rich("drop", { choose: (chunks) => <span className="text-brand-600 underline dark:text-brand-500">{chunks}</span> })}
          </span>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("dropHint")}</span>
          <input
            id={inputId}
            type="file"
            multiple
            accept={AUDIT_FILE_ACCEPT}
            aria-label={t("input")}
            disabled={busy}
            className="sr-only"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = "";
              void add(files);
            }}
          />
        </label>

        <FormAlert message={error} />

        {rows.length > 0 && (
          <>
            <UploadRows
              rows={rows}
              machines={machines}
              busy={busy}
              showMissing={asked}
              onMachine={(key, machineId) => patch(key, { machineId })}
              onRemove={(key) => setRows((list) => list.filter((r) => r.key !== key))}
            />
            <div className="flex flex-wrap items-center gap-3">
              <div role="status" aria-live="polite" className="mr-auto min-w-0 text-[13px] text-zinc-600 dark:text-zinc-400">
                {progress ? (
                  <span className="flex items-center gap-2">
                    <progress value={progress.done} max={progress.total} aria-label={t("progress")} className="h-1.5 w-40 accent-brand-600" />
                    {t.rich("uploading", { done: progress.done, total: progress.total, num: (chunks) => <span className="tabular">{chunks}</span> })}
                  </span>
                ) : finished.length > 0 ? (
                  [
                    accepted > 0 ? t("accepted", { count: accepted }) : null,
                    duplicates > 0 ? t("duplicates", { count: duplicates }) : null,
                    failed > 0 ? t("failedCount", { count: failed }) : null,
                  ]
                    .filter(Boolean)
                    .join(t("separator"))
                ) : (
                  t("chosen", { count: rows.length })
                )}
              </div>
              <Button variant="ghost" disabled={busy} onClick={() => setRows([])}>
                {t("clear")}
              </Button>
              {(waiting.length > 0 || busy) && (
                <Button variant="primary" disabled={busy} onClick={() => void send()}>
                  {busy ? <LoaderCircle aria-hidden className="animate-spin" /> : <Upload aria-hidden />}
                  {t("send", { count: waiting.length })}
                </Button>
              )}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
