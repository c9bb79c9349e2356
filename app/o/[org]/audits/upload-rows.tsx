"use client";

import clsx from "clsx";
import { X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useOrg } from "~/app/_components/org/org-context";
import type { UploadOutcome } from "~/server/audits/contract";
import { CrcBadge, NotesCount } from "./audit-badges";
import type { ReadAuditFile } from "./audit-file";
import { formatFileSize } from "./audit-format";

/** One chosen file on its way: read in the browser, matched to a machine, then its outcome. */
export interface UploadRow extends ReadAuditFile {
  key: string;
  /** The chosen machine; "" until one is chosen. */
  machineId: string;
  /** Whether the machine is still being proposed from the serial. */
  matching: boolean;
  /** The machine whose serial the file names, if any. */
  proposedId: string | null;
  outcome: UploadOutcome | null;
}

const th = "px-3 py-2 font-medium whitespace-nowrap";

/** The chosen files: name and serial, the machine each goes to (proposed from the serial), and what became of it. */
export function UploadRows({
  rows,
  machines,
  busy,
  showMissing,
  onMachine,
  onRemove,
}: {
  rows: UploadRow[];
  machines: { id: string; name: string; serial: string }[];
  busy: boolean;
  /** Mark files still without a machine (after an upload was asked for). */
  showMissing: boolean;
  onMachine: (key: string, machineId: string) => void;
  onRemove: (key: string) => void;
}) {
  const t = useTranslations("audits.rows");
  const org = useOrg();
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className={tableClasses} aria-label={t("label")}>
        <thead className={theadClasses}>
          <tr>
            <th scope="col" className={th}>
              {t("file")}
            </th>
            <th scope="col" className={th}>
              {t("machine")}
            </th>
            <th scope="col" className={th}>
              {t("outcome")}
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">{t("remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const missing = showMissing && !row.outcome && !row.problem && row.machineId === "";
            const outcome = row.outcome;
            return (
              <tr key={row.key} className={rowClasses}>
                <td className={clsx(cellClasses, "max-w-64")}>
                  <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100" title={row.name}>
                    {row.name}
                  </span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {formatFileSize(row.size)}
                    {" · "}
                    {row.serial ? t.rich("serial", { serial: row.serial, mono: (chunks) => <span className="font-mono">{chunks}</span> }) : t("noSerial")}
                  </span>
                </td>
                <td className={cellClasses}>
                  {outcome && outcome.status !== "failed" ? (
                    <Link href={`/o/${org.slug}/machines/${outcome.machineId}#audits`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                      {outcome.machineName}
                    </Link>
                  ) : row.problem ? (
                    <span className="text-zinc-500 dark:text-zinc-400">—</span>
                  ) : (
                    <>
                      <NativeSelect
                        size="sm"
                        aria-label={t("machineFor", { name: row.name })}
                        value={row.machineId}
                        required
                        disabled={busy || row.matching}
                        aria-invalid={missing ? true : undefined}
                        onChange={(e) => onMachine(row.key, e.target.value)}
                        className="w-60 max-w-full"
                      >
                        <option value="">{row.matching ? t("matching") : t("chooseMachine")}</option>
                        {machines.map((m) => (
                          <option key={m.id} value={m.id}>
                            {m.name} · {m.serial}
                          </option>
                        ))}
                      </NativeSelect>
                      <span className={clsx("mt-1 block text-xs", missing ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400")}>
                        {matchHint(row, t)}
                      </span>
                    </>
                  )}
                </td>
                <td className={clsx(cellClasses, "min-w-48")}>
                  <Outcome row={row} />
                </td>
                <td className={clsx(cellClasses, "text-right")}>
                  {!outcome && (
                    <Button size="sm" variant="ghost" className="w-8 px-0" aria-label={t("removeFile", { name: row.name })} disabled={busy} onClick={() => onRemove(row.key)}>
                      <X aria-hidden />
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function matchHint(row: UploadRow, t: ReturnType<typeof useTranslations<"audits.rows">>): string {
  if (row.matching) return "";
  if (row.machineId === "") return row.serial ? t("noMachineForSerial") : t("chooseReadFrom");
  return row.machineId === row.proposedId ? t("matchedBySerial") : t("chosenByHand");
}

function Outcome({ row }: { row: UploadRow }) {
  const t = useTranslations("audits");
  const outcome = row.outcome;
  if (row.problemCode) return <span className="text-[13px] text-red-600 dark:text-red-400">{t(`fileProblem.${row.problemCode}`)}</span>;
  if (!outcome) return <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("rows.ready")}</span>;
  if (outcome.status === "failed") {
    return (
      <span className="block">
        <StatusBadge status="failed" label={t("rows.failed")} />
        <span className="mt-1 block text-[13px] text-red-700 dark:text-red-300">{outcome.message}</span>
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      {outcome.status === "accepted" ? <StatusBadge status="accepted" label={t("rows.accepted")} /> : <StatusBadge status="revoked" label={t("rows.alreadyUploaded")} />}
      <CrcBadge crc={outcome.crc} />
      <NotesCount count={outcome.quality.length} />
    </span>
  );
}
