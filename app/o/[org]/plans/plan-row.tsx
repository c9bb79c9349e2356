"use client";

import clsx from "clsx";
import { ChevronDown, ChevronRight, Truck } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { cellClasses, rowClasses } from "~/app/_components/ui/table-styles";
import type { RouterOutputs } from "~/app/_trpc/types";
import { usePlanDays } from "./plan-format";
import { MachineForecast } from "./machine-forecast";

export type PlanMachine = RouterOutputs["plans"]["get"]["machines"][number];
type PlanDay = PlanMachine["days"][number];

/** What the plan's rows and cards need besides the machine: its day, currency and visit cost. */
export interface PlanContext {
  today: string;
  currency: string;
  cost: number;
}

// The facts of a machine's plan, shown by its row and by its card on a phone.

export function PlanMachineLink({ machine }: { machine: PlanMachine }) {
  const org = useOrg();
  return (
    <Link href={`/o/${org.slug}/machines/${machine.machineId}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
      {machine.name}
    </Link>
  );
}

export function PlanNextVisit({ machine, today }: { machine: PlanMachine; today: string }) {
  const t = useTranslations("plans.table");
  const days = usePlanDays();
  return (
    <>
      {machine.nextVisit ? days.day(machine.nextVisit, today) : <span className="text-zinc-500">{t("noVisitThisWeek")}</span>}
      {/* Why the route's capacity or calendar moved a visit ("Mon's visit moved to Tue: route full"). */}
      {machine.notes.map((note) => (
        <span key={note} className="block text-xs text-amber-700 dark:text-amber-400">
          {note}
        </span>
      ))}
    </>
  );
}

/** A day's expected lost margin: the visit day in the brand colour, red when more than a visit costs. */
export function planDayClasses(day: PlanDay, cost: number) {
  return clsx(
    "tabular whitespace-nowrap",
    day.visit && "bg-brand-50 font-semibold text-brand-700 dark:bg-brand-500/10 dark:text-brand-400",
    !day.visit && day.lostIfNotVisitedMinor > cost && "text-red-600 dark:text-red-400",
    !day.visit && day.lostIfNotVisitedMinor <= cost && "text-zinc-500",
  );
}

/** The hover text of a day's amount: what is lost if the machine is not visited by then, against a visit's cost. */
export function usePlanDayTitle({ today, currency, cost }: PlanContext) {
  const t = useTranslations("plans.table");
  const f = useFormat();
  const days = usePlanDays();
  return (day: PlanDay) => t("dayTitle", { day: days.day(day.date, today), lost: f.money(day.lostIfNotVisitedMinor, currency), cost: f.money(cost, currency) });
}

/** The button that shows or hides a machine's slot forecasts; `large` for a phone's card. */
export function ForecastToggle({ machine, open, onToggle, large = false }: { machine: PlanMachine; open: boolean; onToggle: () => void; large?: boolean }) {
  const t = useTranslations("plans.table");
  const Icon = open ? ChevronDown : ChevronRight;
  return (
    <button
      type="button"
      onClick={onToggle}
      aria-expanded={open}
      aria-label={t("forecastsFor", { name: machine.name })}
      className={clsx(
        "rounded hover:text-zinc-900 dark:hover:text-zinc-100",
        large
          ? "inline-flex h-11 items-center gap-1.5 border border-zinc-300 px-3 text-[13px] font-medium text-zinc-700 dark:border-zinc-700 dark:text-zinc-300"
          : "mr-1 p-0.5 align-middle text-zinc-500",
      )}
    >
      <Icon aria-hidden className="size-4" />
      {large && t("forecasts")}
    </button>
  );
}

/** One machine of the plan: its route, the lost margin per day (visit days marked), next visit and units. */
export function PlanRow({ machine: m, plan, columns, open, onToggle }: { machine: PlanMachine; plan: PlanContext; columns: number; open: boolean; onToggle: () => void }) {
  const t = useTranslations("plans.table");
  const f = useFormat();
  const title = usePlanDayTitle(plan);
  return (
    <>
      <tr className={rowClasses}>
        <td className={clsx(cellClasses, "whitespace-nowrap")}>
          <ForecastToggle machine={m} open={open} onToggle={onToggle} />
          <PlanMachineLink machine={m} />
          {m.location && <span className="ml-1.5 text-xs text-zinc-500">{m.location}</span>}
        </td>
        <td className={clsx(cellClasses, "whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>{m.route?.name ?? "—"}</td>
        {m.days.map((d) => (
          <td key={d.date} title={title(d)} className={clsx("px-2 py-2.5 text-right", planDayClasses(d, plan.cost))}>
            {d.visit && <Truck aria-label={t("visit")} className="mr-1 inline size-3.5" />}
            {f.money(d.lostIfNotVisitedMinor, plan.currency, { compact: d.lostIfNotVisitedMinor >= 100_000 })}
          </td>
        ))}
        <td className={clsx(cellClasses, "whitespace-nowrap")}>
          <PlanNextVisit machine={m} today={plan.today} />
        </td>
        <td className={clsx(cellClasses, "text-right tabular")}>{m.units}</td>
      </tr>
      {open && (
        <tr className="border-b border-zinc-100 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-800/20">
          <td colSpan={columns} className="px-4 py-3">
            <MachineForecast machineId={m.machineId} fills={m.fills} />
          </td>
        </tr>
      )}
    </>
  );
}
