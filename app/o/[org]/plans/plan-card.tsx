"use client";

import clsx from "clsx";
import { Truck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat, type Format } from "~/app/_components/i18n/format";
import { RecordCard } from "~/app/_components/ui/card-list";
import { minorDigits } from "~/server/money";
import { usePlanDays } from "./plan-format";
import { MachineForecast } from "./machine-forecast";
import { ForecastToggle, PlanMachineLink, PlanNextVisit, planDayClasses, usePlanDayTitle, type PlanContext, type PlanMachine } from "./plan-row";

/** A day's amount in a seventh of a phone's width: whole units from 10 up ("€121", "€9.8", "€1.2K"). */
function stripMoney(f: Format, minor: number, currency: string): string {
  const unit = 10 ** minorDigits(currency);
  return f.money(minor >= 10 * unit ? Math.round(minor / unit) * unit : minor, currency, { compact: true });
}

/** One machine of the plan on a phone: next visit and units up top, the week as a strip of days. */
export function PlanCard({ machine, plan, open, onToggle }: { machine: PlanMachine; plan: PlanContext; open: boolean; onToggle: () => void }) {
  const t = useTranslations("plans.card");
  const f = useFormat();
  const days = usePlanDays();
  const title = usePlanDayTitle(plan);
  return (
    <RecordCard
      title={<PlanMachineLink machine={machine} />}
      subtitle={machine.location}
      badges={
        machine.nextVisit && (
          <span className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-brand-700 dark:bg-brand-500/10 dark:text-brand-400">
            <Truck aria-hidden className="size-3.5" />
            <PlanNextVisit machine={machine} today={plan.today} />
          </span>
        )
      }
      facts={[
        !machine.nextVisit && { label: t("nextVisit"), value: <PlanNextVisit machine={machine} today={plan.today} /> },
        { label: t("units"), value: <span className="tabular">{machine.units}</span> },
        { label: t("route"), value: machine.route?.name ?? "—" },
        {
          label: t("lostByDay"),
          wide: true,
          value: (
            <ol className="mt-0.5 grid grid-cols-7 gap-px overflow-hidden rounded border border-zinc-200 bg-zinc-200 text-center dark:border-zinc-800 dark:bg-zinc-800">
              {machine.days.map((d) => (
                <li key={d.date} title={title(d)} className={clsx("min-w-0 bg-white px-0.5 py-1 text-[11px] dark:bg-zinc-900", planDayClasses(d, plan.cost))}>
                  <span className="block text-[10px] font-normal text-zinc-500 dark:text-zinc-400">
                    {days.column(d.date, plan.today)}
                  </span>
                  {d.visit && <span className="sr-only">{t("visitPrefix")}</span>}
                  {stripMoney(f, d.lostIfNotVisitedMinor, plan.currency)}
                </li>
              ))}
            </ol>
          ),
        },
      ]}
      actions={<ForecastToggle machine={machine} open={open} onToggle={onToggle} large />}
      footer={
        open && (
          <div className="mt-2 overflow-x-auto rounded border border-zinc-100 bg-zinc-50/60 p-2 dark:border-zinc-800 dark:bg-zinc-800/20">
            <MachineForecast machineId={machine.machineId} fills={machine.fills} />
          </div>
        )
      }
    />
  );
}
