"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { LoaderCircle, Play } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { SortHeader, useTableSort } from "~/app/_components/ui/sort-header";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";

type RunSort = "startedAt" | "job" | "durationMs" | "rowsTouched";

/** What started a run, as the runner records it; anything else shows as recorded. */
const triggers = ["schedule", "cron", "manual"] as const;
const isTrigger = (value: string): value is (typeof triggers)[number] => (triggers as readonly string[]).includes(value);

/** The jobs with "run now", and this org's part of their recent runs. */
export function JobRuns() {
  const t = useTranslations("jobs.runs");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.jobs.list.queryOptions({ orgId: org.id }, { refetchInterval: 5_000 }));
  const runNow = useMutation(trpc.jobs.runNow.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.list.queryKey() }) }));
  // As the server sends them (newest first) until a column is chosen.
  const { sort, sortBy } = useTableSort<RunSort | "none">("none");
  const sign = sort.direction === "asc" ? 1 : -1;
  const value = (r: (typeof data.runs)[number], key: RunSort) => (key === "startedAt" ? r.startedAt.getTime() : key === "job" ? r.job : (r[key] ?? -1));
  const key = sort.key;
  const runs = key === "none" ? data.runs : [...data.runs].sort((a, b) => (value(a, key) < value(b, key) ? -sign : value(a, key) > value(b, key) ? sign : 0));
  const header = (key: RunSort, label: string, align?: "right") => <SortHeader label={label} align={align} active={sort.key === key} direction={sort.direction} onSort={() => sortBy(key)} />;

  return (
    <div className="space-y-6">
      <ul aria-label={t("jobsLabel")} className="grid gap-3 md:grid-cols-2">
        {data.jobs.map((job) => {
          const last = data.runs.find((r) => r.job === job.name);
          const running = runNow.isPending && runNow.variables?.job === job.name;
          return (
            <li key={job.name} className="rounded-lg border border-zinc-200 bg-white p-4 text-[13px] dark:border-zinc-800 dark:bg-zinc-900/60">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-mono text-xs font-semibold text-zinc-900 dark:text-zinc-100">{job.name}</p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    {t.rich(job.perOrg ? "schedule" : "scheduleSystem", { schedule: job.schedule, code: (chunks) => <span className="font-mono">{chunks}</span> })}
                  </p>
                </div>
                {job.perOrg && (
                  <Button size="sm" onClick={() => runNow.mutate({ orgId: org.id, job: job.name })} disabled={running}>
                    {running ? <LoaderCircle aria-hidden className="animate-spin" /> : <Play aria-hidden />}
                    {running ? t("running") : t("runNow")}
                  </Button>
                )}
              </div>
              <p className="mt-2 text-zinc-600 dark:text-zinc-400">{job.description}</p>
              {last && (
                <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
                  {t("last")} <StatusBadge status={last.status} /> <RelativeTime date={last.startedAt} timeZone={org.timeZone} />
                  {last.durationMs !== null && ` · ${t("ms", { ms: String(last.durationMs) })}`}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {runNow.data && (
        <p role="status" className="text-[13px] text-zinc-600 dark:text-zinc-400">
          {runNow.data.status === "skipped" ? t("skipped") : t("done", { ms: String(runNow.data.durationMs), rows: String(runNow.data.rowsTouched) })}
        </p>
      )}
      <FormAlert message={errorMessageOf(runNow.error)} />
      <section aria-label={t("recentLabel")}>
        <h2 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("recentTitle", { name: org.name })}</h2>
        {runs.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-[13px] text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  {header("job", t("columns.job"))}
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.status")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.trigger")}</th>
                  {header("startedAt", t("columns.started"))}
                  {header("durationMs", t("columns.duration"), "right")}
                  {header("rowsTouched", t("columns.rows"), "right")}
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.error")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={`${r.job}-${r.windowStart.toISOString()}`} className={rowClasses}>
                    <td className={clsx(cellClasses, "font-mono text-xs")}>{r.job}</td>
                    <td className={cellClasses}>
                      <StatusBadge status={r.status} />
                      {r.attempt > 1 && <span className="ml-1 text-xs text-zinc-500">{t("attempt", { attempt: r.attempt })}</span>}
                    </td>
                    <td className={cellClasses}>{isTrigger(r.trigger) ? t(`trigger.${r.trigger}`) : r.trigger}</td>
                    <td className={clsx(cellClasses, "whitespace-nowrap")}>
                      <Timestamp date={r.startedAt} timeZone={org.timeZone} />
                    </td>
                    <td className={clsx(cellClasses, "text-right tabular-nums")}>{r.durationMs === null ? "—" : t("ms", { ms: String(r.durationMs) })}</td>
                    <td className={clsx(cellClasses, "text-right tabular-nums")}>{r.rowsTouched ?? "—"}</td>
                    <td className={clsx(cellClasses, "max-w-xs truncate text-xs text-red-600 dark:text-red-400")} title={r.error ?? undefined}>
                      {r.error}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
