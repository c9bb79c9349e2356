import { TRPCError } from "@trpc/server";
import clsx from "clsx";
import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClasses } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { cellClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { serverCaller } from "~/app/_trpc/server";
import { calendarDay } from "~/server/input/calendar";
import { requireMember } from "~/server/web";
import { formatPlanDay } from "../../../plans/plan-format";
import { PrintButton } from "./print-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("routes.pickList");
  return { title: t("metaTitle") };
}

/** The pre-kit of a route's day: products totalled, then where each goes. Printable. */
export default async function PickListPage({ params, searchParams }: { params: Promise<{ org: string; routeId: string }>; searchParams: Promise<{ day?: string | string[] }> }) {
  const { org: slug, routeId } = await params;
  const { day: wanted } = await searchParams;
  const { org } = await requireMember(slug, `/o/${slug}/routes/${routeId}/pick-list`);
  const caller = await serverCaller();
  let day;
  try {
    // A day that is not a real date is dropped: the page shows the route's next day instead of an error.
    const asked = calendarDay.safeParse(wanted);
    day = await caller.routes.day({ orgId: org.id, routeId, day: asked.success ? asked.data : undefined });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const base = `/o/${org.slug}/routes/${routeId}/pick-list`;
  const stops = day.stops.filter((s) => !s.visited);
  const t = await getTranslations("routes.pickList");
  const locale = await getLocale();
  const named = await getTranslations("plans.days");
  const dayName = (d: string) => formatPlanDay(d, day.today, locale, { today: named("today"), tomorrow: named("tomorrow") });
  const details = [
    `${dayName(day.day)} (${day.day})`,
    t("stops", { count: stops.length }),
    t("units", { count: day.totalUnits }),
    ...(day.route.technician ? [day.route.technician.name] : []),
  ];
  return (
    <>
      <PageHeader
        title={t("title", { route: day.route.name })}
        description={details.join(" · ")}
        actions={
          <div className="flex gap-2 print:hidden">
            <a href={`/o/${org.slug}/routes/${routeId}/pick-list.csv?day=${day.day}`} className={buttonClasses("secondary")} download>
              <Download aria-hidden />
              {t("csv")}
            </a>
            <PrintButton />
          </div>
        }
      />
      <nav aria-label={t("dayNav")} className="mb-4 flex flex-wrap gap-1.5 print:hidden">
        {day.dates.map((d) => (
          <Link
            key={d}
            href={`${base}?day=${d}`}
            aria-current={d === day.day ? "date" : undefined}
            className={clsx(
              "rounded-full border px-3 py-1 text-[13px]",
              d === day.day ? "border-brand-500 bg-brand-50 font-medium text-brand-700 dark:bg-brand-500/10 dark:text-brand-400" : "border-zinc-300 text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-400",
            )}
          >
            {dayName(d)}
          </Link>
        ))}
      </nav>
      {day.pickList.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>
          {day.day === day.today ? t("emptyToday") : day.day === day.dates[1] ? t("emptyTomorrow") : t("emptyOn", { day: dayName(day.day) })}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <section aria-labelledby="totals-heading" className="overflow-x-auto rounded-lg border border-zinc-200 bg-white print:border-0 dark:border-zinc-800 dark:bg-zinc-900/60">
            <h2 id="totals-heading" className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold dark:border-zinc-800">
              {t("totals")}
            </h2>
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className="w-8 px-3 py-2 print:table-cell">
                    <span className="sr-only">{t("columns.picked")}</span>
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.product")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.sku")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("columns.quantity")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("columns.goesTo")}</th>
                </tr>
              </thead>
              <tbody>
                {day.pickList.map((l) => (
                  <tr key={l.productId} className="border-b border-zinc-100 last:border-0 break-inside-avoid dark:border-zinc-800/70">
                    <td className={cellClasses}>
                      <span aria-hidden className="inline-block size-4 rounded-sm border border-zinc-400" />
                    </td>
                    <td className={clsx(cellClasses, "font-medium")}>{l.productName}</td>
                    <td className={clsx(cellClasses, "font-mono text-xs text-zinc-500")}>{l.productSku}</td>
                    <td className={clsx(cellClasses, "text-right text-base font-semibold tabular")}>{l.quantity}</td>
                    <td className={clsx(cellClasses, "text-xs text-zinc-600 dark:text-zinc-400")}>
                      {l.slots.map((s) => `${s.machineName} ${s.code} ×${s.quantity}`).join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="stops-heading" className="break-before-page">
            <h2 id="stops-heading" className="mb-2 text-sm font-semibold">
              {t("byStop")}
            </h2>
            <ol className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
              {stops.map((s, i) => (
                <li key={s.machineId} className="break-inside-avoid rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                  <h3 className="font-medium">
                    {i + 1}. {s.name}
                    {s.location && <span className="ml-1 text-xs font-normal text-zinc-500">{s.location}</span>}
                  </h3>
                  <ul className="mt-1.5 space-y-0.5 text-[13px]">
                    {s.fills
                      .filter((f) => f.quantity > 0)
                      .map((f) => (
                        <li key={f.code} className="flex justify-between gap-2">
                          <span>
                            <span className="font-mono text-xs text-zinc-500">{f.code}</span> {f.productName}
                          </span>
                          <span className="tabular font-medium">+{f.quantity}</span>
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </>
  );
}
