"use client";

import { CheckCircle2, CloudUpload, Navigation } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { buttonClasses } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import type { RouterOutputs } from "~/app/_trpc/types";
import { VisitChanges } from "./visit-changes";
import { VisitForm } from "./visit-form";

type Stop = RouterOutputs["routes"]["day"]["stops"][number];

const badge = "inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1";

/** One stop of the day: where it is and how to get there, what to bring, and its visit. */
export function StopCard({ stop, index, routeId, fillTo, queued }: { stop: Stop; index: number; routeId: string; fillTo: "capacity" | "par"; queued: boolean }) {
  const t = useTranslations("routes.stop");
  const f = useFormat();
  const org = useOrg();
  const fills = stop.fills.filter((f) => f.quantity > 0);
  return (
    <li className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/60" aria-label={t("label", { number: index + 1, name: stop.name })}>
      {/* The badge goes under the name when the phone is too narrow for both. */}
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1.5">
        <div className="min-w-0 flex-1 basis-48">
          <h2 className="font-semibold break-words">
            <span className="mr-1.5 text-zinc-500 tabular">{index + 1}.</span>
            {stop.name}
          </h2>
          {stop.location && <p className="text-sm text-zinc-600 dark:text-zinc-400">{stop.location}</p>}
          {stop.address && <p className="text-sm break-words text-zinc-500">{stop.address}</p>}
        </div>
        {queued ? (
          <span className={`${badge} bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300`}>
            <CloudUpload aria-hidden className="size-3.5" />
            {t("queued")}
          </span>
        ) : stop.visited ? (
          <span className={`${badge} bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-400`}>
            <CheckCircle2 aria-hidden className="size-3.5" />
            {stop.visited.by
              ? t("visitedBy", { time: f.clock(new Date(stop.visited.at), org.timeZone), name: stop.visited.by })
              : t("visited", { time: f.clock(new Date(stop.visited.at), org.timeZone) })}
          </span>
        ) : (
          <span className={`${badge} bg-amber-50 text-amber-700 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-400`}>{t("toVisit")}</span>
        )}
      </div>
      {stop.directionsUrl ? (
        <a
          href={stop.directionsUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t("directionsTo", { name: stop.name })}
          className={buttonClasses("secondary", "lg", "mt-3 w-full")}
        >
          <Navigation aria-hidden />
          {t("directions")}
        </a>
      ) : (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{t("noAddress")}</p>
      )}
      {!stop.visited && !queued && fills.length > 0 && (
        <section aria-label={t("toBringTo", { name: stop.name })} className="mt-3">
          <h3 className="mb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">{t("toBring")}</h3>
          <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
            {fills.map((f) => (
              <li key={f.code} className="flex justify-between gap-2 rounded bg-zinc-50 px-2 py-1 dark:bg-zinc-800/60">
                <span className="min-w-0 truncate">
                  <span className="font-mono text-xs text-zinc-500">{f.code}</span> {f.productName}
                </span>
                <span className="tabular font-medium">+{f.quantity}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* Also once visited: the form then shows what the visit it recorded came to. */}
      <VisitForm stop={stop} routeId={routeId} fillTo={fillTo} />
      {stop.visited && !queued && <VisitChanges stop={stop} visit={stop.visited} />}
    </li>
  );
}
