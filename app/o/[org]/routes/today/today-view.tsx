"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { CheckCircle2, Printer, Truck } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { Field } from "~/app/_components/ui/field";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { formatClock } from "~/server/time";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { useTRPC } from "~/app/_trpc/client";
import { formatPlanDay } from "../../plans/plan-format";
import { chosenRouteId } from "./chosen-route";
import { VisitForm } from "./visit-form";

/** The technician's day on a phone: the route, its pick list, and a visit form per stop. */
export function TodayView() {
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const { data } = useSuspenseQuery(trpc.routes.mine.queryOptions({ orgId: org.id }));
  const routeId = chosenRouteId(params.get("route"), data);

  if (!routeId) {
    return (
      <EmptyState icon={<Truck />} title="No routes yet" className="mt-4">
        A manager creates routes on the Routes page and assigns them to technicians.
      </EmptyState>
    );
  }
  const others = data.all.filter((r) => !data.mine.some((m) => m.id === r.id));
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <Field label="Route">
        {(control) => (
          <NativeSelect
            {...control}
            value={routeId}
            onChange={(e) => router.replace(`/o/${org.slug}/routes/today?route=${e.target.value}`)}
            className="h-11 w-full text-base"
          >
            {data.mine.length > 0 && (
              <optgroup label="My routes">
                {data.mine.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
            )}
            {others.length > 0 && (
              <optgroup label="Other routes">
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
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <RouteToday routeId={routeId} />
      </Suspense>
    </div>
  );
}

function RouteToday({ routeId }: { routeId: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: day } = useSuspenseQuery(trpc.routes.day.queryOptions({ orgId: org.id, routeId }));
  const done = day.stops.filter((s) => s.visited).length;
  return (
    <>
      <header>
        <h1 className="text-xl font-semibold tracking-tight">{day.route.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {formatPlanDay(day.day, day.today)} · <span className="tabular">{day.stops.length}</span> {day.stops.length === 1 ? "stop" : "stops"} ·{" "}
          <span className="tabular">{done}</span> visited · <span className="tabular">{day.totalUnits}</span> units to bring
        </p>
      </header>

      {day.stops.length === 0 ? (
        <EmptyState icon={<CheckCircle2 />} title="No visits planned today">
          Every machine on this route has enough stock for now. The plan is recomputed every hour.
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="pick-heading" className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
            <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
              <h2 id="pick-heading" className="text-sm font-semibold">
                Pick list
              </h2>
              <Link
                href={`/o/${org.slug}/routes/${routeId}/pick-list?day=${day.day}`}
                className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-600 hover:underline dark:text-brand-500"
              >
                <Printer aria-hidden className="size-4" />
                Print
              </Link>
            </div>
            {day.pickList.length === 0 ? (
              <p className="px-4 py-3 text-sm text-zinc-500">Nothing left to bring: every planned stop is visited.</p>
            ) : (
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {day.pickList.map((l) => (
                  <li key={l.productId} className="flex items-baseline justify-between gap-3 px-4 py-2.5 text-[15px]">
                    <span className="min-w-0">
                      {l.productName} <span className="text-xs text-zinc-500">{l.productSku}</span>
                    </span>
                    <span className="tabular font-semibold">× {l.quantity}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ol aria-label="Stops" className="space-y-3">
            {day.stops.map((stop, i) => (
              <li key={stop.machineId} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="font-semibold">
                      <span className="mr-1.5 text-zinc-400 tabular">{i + 1}.</span>
                      {stop.name}
                    </h2>
                    {stop.location && <p className="text-sm text-zinc-500">{stop.location}</p>}
                  </div>
                  {stop.visited ? (
                    <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-400">
                      <CheckCircle2 aria-hidden className="size-3.5" />
                      Visited {formatClock(new Date(stop.visited.at), org.timeZone)}
                      {stop.visited.by ? ` by ${stop.visited.by}` : ""}
                    </span>
                  ) : (
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-700 ring-1 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-400">
                      To visit
                    </span>
                  )}
                </div>
                {!stop.visited && stop.fills.some((f) => f.quantity > 0) && (
                  <ul className="mt-3 grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
                    {stop.fills
                      .filter((f) => f.quantity > 0)
                      .map((f) => (
                        <li key={f.code} className="flex justify-between gap-2 rounded bg-zinc-50 px-2 py-1 dark:bg-zinc-800/60">
                          <span className="truncate">
                            <span className="font-mono text-xs text-zinc-500">{f.code}</span> {f.productName}
                          </span>
                          <span className="tabular font-medium">+{f.quantity}</span>
                        </li>
                      ))}
                  </ul>
                )}
                {/* Also once visited: the form then shows what the visit it recorded came to. */}
                <VisitForm stop={stop} routeId={routeId} fillTo={day.fillTo} />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
