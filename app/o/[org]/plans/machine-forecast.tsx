"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";

type Fill = RouterOutputs["plans"]["get"]["machines"][number]["fills"][number];

/** One machine's slots: tomorrow's demand with its 80% band, days to empty, sell-out chance, fill. */
export function MachineForecast({ machineId, fills }: { machineId: string; fills: Fill[] }) {
  const t = useTranslations("plans.forecast");
  const f = useFormat();
  const days = (n: number) => f.decimal(n, 1);
  const org = useOrg();
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.plans.machine.queryOptions({ orgId: org.id, machineId }));
  if (isPending) return <p className="text-zinc-500">{t("loading")}</p>;
  if (error) return <p className="text-red-600">{t("failed")}</p>;
  const fillOf = new Map(fills.map((f) => [f.code, f]));
  return (
    <table className="w-full text-left text-[13px]">
      <caption className="sr-only">{t("caption")}</caption>
      <thead className="text-xs text-zinc-500">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">{t("columns.slot")}</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">{t("columns.stock")}</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">{t("columns.tomorrow")}</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">{t("columns.daysToEmpty")}</th>
          <th scope="col" className="py-1 pr-3 text-right font-medium">{t("columns.sellout")}</th>
          <th scope="col" className="py-1 text-right font-medium">{t("columns.fill")}</th>
        </tr>
      </thead>
      <tbody>
        {data.slots.map((s) => {
          const fill = fillOf.get(s.code);
          return (
            <tr key={s.code} className="border-t border-zinc-200/70 dark:border-zinc-800">
              <td className="py-1 pr-3">
                <span className="font-mono text-xs text-zinc-500">{s.code}</span> {s.productName ?? <span className="text-zinc-500">{t("emptySlot")}</span>}
                {s.censoredDays > 0 && <span className="ml-1 text-xs text-zinc-500" title={t("censoredTitle")}>
                    {t("censored", { count: s.censoredDays })}
                  </span>}
              </td>
              <td className="py-1 pr-3 text-right tabular">
                {s.stock}/{s.capacity}
              </td>
              <td className="py-1 pr-3 text-right tabular">{s.tomorrow ? `${days(s.tomorrow.expected)} (${s.tomorrow.low}–${s.tomorrow.high})` : "—"}</td>
              <td className="py-1 pr-3 text-right tabular">{s.daysToEmpty === null ? (s.tomorrow ? "7+" : "—") : days(s.daysToEmpty)}</td>
              <td className={clsx("py-1 pr-3 text-right tabular", (s.selloutProbability ?? 0) >= 0.5 && "font-medium text-red-600 dark:text-red-400")}>
                {s.selloutProbability === null ? "—" : f.percent(s.selloutProbability, 0)}
              </td>
              <td className="py-1 text-right tabular">{fill ? `+${fill.quantity} → ${fill.target}` : "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
