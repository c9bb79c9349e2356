"use client";

import { useQueries, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { FileText } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { DataTable, type DataColumn } from "~/app/_components/ui/data-table";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { LoadMore, type LoadMoreState } from "~/app/_components/ui/load-more";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { AuditDetailModal } from "../machines/[machineId]/audit-detail";
import { CrcBadge, NotesCount } from "./audit-badges";
import { formatAuditAmount, hasFindings, useAuditSourceLabel, type AuditListItem } from "./audit-format";
import { auditMatches, auditsListInput, type AuditsQuery } from "./audits-query";

type SortKey = "read" | "machine" | "paid" | "since" | "findings";

const findingsCount = (a: AuditListItem) => a.quality.length + (a.crc === "mismatch" ? 1 : 0) + a.missedVends + a.unmappedSelections + a.flaggedSelections;

const compare: Record<SortKey, (a: AuditListItem, b: AuditListItem) => number> = {
  read: (a, b) => a.readAt.getTime() - b.readAt.getTime(),
  machine: (a, b) => a.machineName.localeCompare(b.machineName, "en", { sensitivity: "base" }),
  paid: (a, b) => (a.paidCount ?? -1) - (b.paidCount ?? -1),
  since: (a, b) => (a.unitsSinceLast ?? -1) - (b.unitsSinceLast ?? -1),
  findings: (a, b) => findingsCount(a) - findingsCount(b),
};

const muted = "text-zinc-500 dark:text-zinc-400";
const sub = "block text-xs text-zinc-500 dark:text-zinc-400";
const num = (chunks: React.ReactNode) => <span className="tabular">{chunks}</span>;

/**
 * The org's audits, newest read first, 50 at a time (`before` the last one loaded). The machine
 * filter is asked of the server; findings and quality filter the loaded audits.
 */
export function AuditsList({ query }: { query: AuditsQuery }) {
  const t = useTranslations("audits.list");
  const f = useFormat();
  const sourceLabel = useAuditSourceLabel();
  const amount = (minor: number | null, a: AuditListItem) => formatAuditAmount(minor, a.decimals, a.currency, f.locale);
  const org = useOrg();
  const trpc = useTRPC();
  const input = auditsListInput(org.id, query);
  const first = useSuspenseQuery(trpc.audits.list.queryOptions(input));
  const [cursors, setCursors] = useState<string[]>([]);
  const later = useQueries({ queries: cursors.map((before) => trpc.audits.list.queryOptions({ ...input, before })) });
  const [open, setOpen] = useState<string | null>(null);
  const { sort, sortBy } = useTableSort<SortKey>("read", "desc");

  const loaded = [first.data, ...later.map((q) => q.data)].flatMap((page) => page?.items ?? []);
  const last = later.at(-1);
  const nextBefore = last ? (last.data?.nextBefore ?? null) : first.data.nextBefore;
  const more: LoadMoreState = {
    hasMore: nextBefore !== null || Boolean(last?.isError),
    loading: Boolean(last?.isPending),
    error: last?.isError ? last.error : null,
    load: () => (last?.isError ? void last.refetch() : nextBefore && setCursors((c) => [...c, nextBefore])),
  };
  const sign = sort.direction === "asc" ? 1 : -1;
  const rows = loaded.filter((a) => auditMatches(a, query)).sort((a, b) => sign * compare[sort.key](a, b) || compare.read(b, a));

  if (loaded.length === 0) {
    return (
      <EmptyState icon={<FileText />} title={query.machineId ? t("emptyMachine") : t("empty")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }

  const sortable = (key: SortKey, label: string, align?: "right"): DataColumn => ({
    label,
    header: <SortHeader label={label} active={sort.key === key} direction={sort.direction} align={align} className="whitespace-nowrap" onSort={() => sortBy(key)} />,
  });
  const columns: DataColumn[] = [
    sortable("read", t("read")),
    sortable("machine", t("machine")),
    sortable("paid", t("paidVends"), "right"),
    { label: t("cashCashless"), align: "right" },
    sortable("since", t("sinceLast"), "right"),
    sortable("findings", t("checks")),
    { label: t("details"), srOnly: true },
  ];
  const filtered = query.findings !== undefined || query.quality !== undefined;
  return (
    <>
      <DataTable
        headingId="audits-table-heading"
        heading={t("heading")}
        headingClassName="sr-only"
        columns={columns}
        footer={
          <>
            {filtered && (
              <p className="mt-3 text-center text-xs text-zinc-500 dark:text-zinc-400">
                {t.rich("matching", { shown: rows.length, loaded: loaded.length, more: nextBefore !== null ? "yes" : "no", num })}
              </p>
            )}
            <LoadMore shown={loaded.length} more={more} />
          </>
        }
      >
        {rows.map((a) => (
          <tr key={a.id} className={rowClasses}>
            <td className={clsx(cellClasses, "whitespace-nowrap")}>
              <Timestamp date={a.readAt} timeZone={org.timeZone} className="tabular" />
              <span className={sub}>
                {a.uploadedByName ? t("by", { source: sourceLabel(a.source), name: a.uploadedByName }) : sourceLabel(a.source)}
              </span>
            </td>
            <td className={clsx(cellClasses, "whitespace-nowrap")}>
              <Link
                href={`/o/${org.slug}/machines/${a.machineId}#audits`}
                className="font-medium text-zinc-900 hover:text-brand-600 hover:underline dark:text-zinc-100 dark:hover:text-brand-500"
              >
                {a.machineName}
              </Link>
              <span className={clsx(sub, "max-w-48 truncate")} title={a.fileName ?? undefined}>
                {a.fileName ?? (a.machineSerial ? t("serial", { serial: a.machineSerial }) : "")}
              </span>
            </td>
            <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
              {a.paidCount ?? <span className={muted}>—</span>}
              <span className={sub}>{amount(a.paidValueMinor, a)}</span>
            </td>
            <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
              {amount(a.cashSalesMinor, a)}
              <span className={sub}>{amount(a.cashlessSalesMinor, a)}</span>
            </td>
            <td className={clsx(cellClasses, "tabular text-right whitespace-nowrap")}>
              {a.unitsSinceLast === null ? <span className={muted}>{t("firstRead")}</span> : a.unitsSinceLast}
              {a.missedVends > 0 && <span className="block text-xs font-semibold text-red-600 dark:text-red-400">{t("missed", { count: a.missedVends })}</span>}
            </td>
            <td className={cellClasses}>
              <span className="flex flex-wrap items-center gap-1.5">
                <CrcBadge crc={a.crc} />
                <NotesCount count={a.quality.length} />
              </span>
              {hasFindings(a) && (a.unmappedSelections > 0 || a.flaggedSelections > 0) && (
                <span className={clsx(sub, "mt-1")}>
                  {[a.unmappedSelections > 0 ? t("unmapped", { count: a.unmappedSelections }) : null, a.flaggedSelections > 0 ? t("flagged", { count: a.flaggedSelections }) : null].filter(Boolean).join(t("separator"))}
                </span>
              )}
            </td>
            <td className={clsx(cellClasses, "text-right")}>
              <Button size="sm" variant="ghost" onClick={() => setOpen(a.id)} aria-label={t("detailsOf", { machine: a.machineName, readAt: a.readAtLocal?.replace("T", " ") ?? "" }).trim()}>
                {t("details")}
              </Button>
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length} className="px-3 py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">
              {t("noneMatch")}
            </td>
          </tr>
        )}
      </DataTable>
      <AuditDetailModal auditId={open} onClose={() => setOpen(null)} />
    </>
  );
}
