"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { CheckCircle2, ChevronRight, CloudUpload, LoaderCircle, Printer, Truck, WifiOff } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useSyncExternalStore } from "react";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { Field } from "~/app/_components/ui/field";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { useTRPC } from "~/app/_trpc/client";
import { usePlanDays } from "../../plans/plan-format";
import { chosenRouteId } from "./chosen-route";
import { StopCard } from "./stop-card";
import { useVisitQueue, VisitQueueProvider } from "./visit-queue";
import { ServiceWorker } from "./service-worker";

/**
 * The technician's day on a phone: the route's stops in driving order with directions, what to
 * bring to each, a visit form per stop (kept on the phone without a network), and the route's totals.
 */
export function TodayView() {
  const t = useTranslations("routes.today");
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const { data } = useSuspenseQuery(trpc.routes.mine.queryOptions({ orgId: org.id }));
  const routeId = chosenRouteId(params.get("route"), data);

  if (!routeId) {
    return (
      <EmptyState icon={<Truck />} title={t("noRoutesTitle")} className="mt-4">
        {t("noRoutesBody")}
      </EmptyState>
    );
  }
  const others = data.all.filter((r) => !data.mine.some((m) => m.id === r.id));
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <Field label={t("route")}>
        {(control) => (
          <NativeSelect
            {...control}
            value={routeId}
            onChange={(e) => router.replace(`/o/${org.slug}/routes/today?route=${e.target.value}`)}
            className="h-11 w-full text-base"
          >
            {data.mine.length > 0 && (
              <optgroup label={t("myRoutes")}>
                {data.mine.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label={t("otherRoutes")}>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                    {r.technician ? ` · ${r.technician}` : ""}
                  </option>
                ))}
              </optgroup>
            )}
          </NativeSelect>
        )}
      </Field>
      <VisitQueueProvider orgId={org.id} userId={org.userId}>
        <Suspense fallback={<TableSkeleton rows={4} className="" />}>
          <RouteToday routeId={routeId} />
        </Suspense>
      </VisitQueueProvider>
      <ServiceWorker scope={`/o/${org.slug}/routes/today`} />
    </div>
  );
}

function RouteToday({ routeId }: { routeId: string }) {
  const t = useTranslations("routes.today");
  const days = usePlanDays();
  const org = useOrg();
  const trpc = useTRPC();
  const { data: day } = useSuspenseQuery(trpc.routes.day.queryOptions({ orgId: org.id, routeId }));
  const queue = useVisitQueue();
  const isQueued = (machineId: string) => queue.visits.some((v) => v.input.machineId === machineId && v.input.routeId === routeId);
  const done = day.stops.filter((s) => s.visited).length;
  const waiting = day.stops.filter((s) => !s.visited && isQueued(s.machineId)).length;
  const first = day.stops.find((s) => s.coordinates);
  return (
    <>
      <header>
        <h1 className="text-xl font-semibold tracking-tight">{day.route.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t.rich(waiting > 0 ? "summaryQueued" : "summary", {
            day: days.day(day.day, day.today),
            stops: day.stops.length,
            done,
            waiting,
            units: day.totalUnits,
            n: (chunks) => <span className="tabular">{chunks}</span>,
          })}
        </p>
        {day.stops.length > 1 && (
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {first ? t("drivingOrder", { name: first.name }) : t("routeOrder")}
          </p>
        )}
      </header>

      <QueueStatus />

      {day.stops.length === 0 ? (
        <EmptyState icon={<CheckCircle2 />} title={t("noVisitsTitle")}>
          {t("noVisitsBody")}
        </EmptyState>
      ) : (
        <>
          <ol aria-label={t("stops")} className="space-y-3">
            {day.stops.map((stop, i) => (
              <StopCard key={stop.machineId} stop={stop} index={i} routeId={routeId} fillTo={day.fillTo} queued={isQueued(stop.machineId)} />
            ))}
          </ol>

          <section aria-label={t("pickList")} className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
            <details className="group">
              <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 px-4 py-3 [&::-webkit-details-marker]:hidden">
                <span className="flex items-center gap-2 text-sm font-semibold">
                  <ChevronRight aria-hidden className="size-4 text-zinc-500 transition-transform group-open:rotate-90" />
                  {t("totals")}
                </span>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  {t.rich("unitsToBring", { count: day.totalUnits, n: (chunks) => <span className="tabular font-semibold text-zinc-900 dark:text-zinc-100">{chunks}</span> })}
                </span>
              </summary>
              <div className="border-t border-zinc-200 dark:border-zinc-800">
                {day.pickList.length === 0 ? (
                  <p className="px-4 py-3 text-sm text-zinc-500">{t("nothingToBring")}</p>
                ) : (
                  <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                    {day.pickList.map((l) => (
                      <li key={l.productId} className="flex items-baseline justify-between gap-3 px-4 py-2.5 text-[15px]">
                        <span className="min-w-0 break-words">
                          {l.productName} <span className="text-xs text-zinc-500">{l.productSku}</span>
                        </span>
                        <span className="tabular font-semibold">× {l.quantity}</span>
                      </li>
                    ))}
                  </ul>
                )}
                <div className="border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
                  <Link
                    href={`/o/${org.slug}/routes/${routeId}/pick-list?day=${day.day}`}
                    className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-600 hover:underline dark:text-brand-500"
                  >
                    <Printer aria-hidden className="size-4" />
                    {t("printPickList")}
                  </Link>
                </div>
              </div>
            </details>
          </section>
        </>
      )}
    </>
  );
}

/** Whether the phone is online, kept up to date by the browser's online and offline events. */
function useOnline(): boolean {
  return useSyncExternalStore(
    (changed) => {
      window.addEventListener("online", changed);
      window.addEventListener("offline", changed);
      return () => {
        window.removeEventListener("online", changed);
        window.removeEventListener("offline", changed);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

/** The phone's network and the visits waiting on it to be sent. */
function QueueStatus() {
  const t = useTranslations("routes.today.queue");
  const queue = useVisitQueue();
  const isOnline = useOnline();
  const waiting = queue.visits.filter((v) => !v.refusal).length;
  if (isOnline && waiting === 0) return null;
  return (
    <div role="status" aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:bg-sky-500/10 dark:text-sky-200">
      <p className="flex min-w-0 items-center gap-2">
        {isOnline ? <CloudUpload aria-hidden className="size-4 shrink-0" /> : <WifiOff aria-hidden className="size-4 shrink-0" />}
        <span>
          {!isOnline && t("offline")}
          {waiting > 0 ? t(isOnline ? "waitingNow" : "waitingLater", { count: waiting }) : t("keptOffline")}
        </span>
      </p>
      {isOnline && waiting > 0 && (
        <Button type="button" size="sm" onClick={() => void queue.flush()} disabled={queue.sending}>
          {queue.sending && <LoaderCircle aria-hidden className="animate-spin" />}
          {t("sendNow")}
        </Button>
      )}
    </div>
  );
}
