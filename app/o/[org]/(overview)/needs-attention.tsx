import clsx from "clsx";
import { AlertOctagon, AlertTriangle, CheckCircle2, Info } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { buttonClasses } from "~/app/_components/ui/button";
import { Stat } from "~/app/_components/ui/stat";
import { AcceptPlan } from "./accept-plan";
import type { AttentionReason, NeedsAttention as NeedsAttentionData } from "~/server/replenishment/contract";

const severityIcon = {
  critical: <AlertOctagon aria-hidden className="mt-0.5 size-4 shrink-0 text-red-500" />,
  warning: <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-500" />,
  info: <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-500" />,
} satisfies Record<AttentionReason["severity"], React.ReactNode>;

/**
 * The top of the home page: the plan's money at risk this week and what today's visits save, then
 * every machine that needs someone, once, with its reasons and what to do about each.
 */
export function NeedsAttention({ data, base, canAccept }: { data: NeedsAttentionData; base: string; canAccept: boolean }) {
  const t = useTranslations("overview.attention");
  const f = useFormat();
  const money = (minor: number) => f.money(minor, data.currency);
  return (
    <section aria-labelledby="needs-attention-title" className="mb-6">
      <h2 id="needs-attention-title" className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {t("title")}
      </h2>
      <dl className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("atRisk")}>
          <span className="tabular text-zinc-900 dark:text-zinc-100" data-testid="money-at-risk">
            {money(data.atRiskMinor)}
          </span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("atRiskNote")}</span>
        </Stat>
        <Stat label={t("savedToday")}>
          <span className="tabular text-emerald-700 dark:text-emerald-400" data-testid="saved-today">
            {money(data.savedTodayMinor)}
          </span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            {t("savedBy", { count: data.visitsToday })} ·{" "}
            <Link href={`${base}/plans`} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
              {t("openPlan")}
            </Link>
          </span>
        </Stat>
      </dl>
      <AcceptPlan acceptance={data.acceptance} visitsToday={data.visitsToday} canAccept={canAccept} />

      {data.machines.length === 0 ? (
        <div className="mt-3 flex items-center gap-3 rounded-lg border border-dashed border-zinc-300 px-4 py-4 text-[13px] text-zinc-600 dark:border-zinc-700 dark:text-zinc-300">
          <CheckCircle2 aria-hidden className="size-5 shrink-0 text-emerald-500" />
          <p>
            {t.rich("allGood", { b: (chunks) => <span className="font-semibold text-zinc-900 dark:text-zinc-100">{chunks}</span> })}
          </p>
        </div>
      ) : (
        <ul aria-label={t("machinesLabel")} className="mt-3 grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {data.machines.map((m) => (
            <li key={m.machineId}>
              <article
                aria-labelledby={`attention-${m.machineId}`}
                className={clsx(
                  "h-full rounded-lg border bg-white shadow-xs dark:bg-zinc-900/60",
                  m.reasons[0]?.severity === "critical" ? "border-red-300 dark:border-red-900" : "border-zinc-200 dark:border-zinc-800",
                )}
              >
                <header className="border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
                  <h3 id={`attention-${m.machineId}`} className="text-sm font-semibold">
                    <Link href={`${base}/machines/${m.machineId}`} className="text-zinc-900 hover:underline dark:text-zinc-100">
                      {m.name}
                    </Link>
                  </h3>
                  {m.locationName && <p className="text-xs text-zinc-500 dark:text-zinc-400">{m.locationName}</p>}
                </header>
                <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                  {m.reasons.map((r, i) => (
                    <li key={`${r.kind}-${i}`} className="flex flex-wrap items-start gap-x-3 gap-y-2 px-4 py-2.5 text-[13px]">
                      <span className="flex min-w-0 flex-1 basis-48 items-start gap-2 text-zinc-700 dark:text-zinc-300">
                        {severityIcon[r.severity]}
                        <span>
                          <span className="sr-only">{t("severity", { severity: r.severity })}</span>
                          {r.text}
                        </span>
                      </span>
                      <Link href={`${base}/${r.action.path}`} className={buttonClasses("secondary", "sm", "min-h-9 sm:min-h-8")}>
                        {r.action.label}
                      </Link>
                    </li>
                  ))}
                </ul>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
