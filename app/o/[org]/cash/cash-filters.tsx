"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { CashCollectionSource } from "~/server/cash/contract";
import { intlLocale, type Locale } from "~/server/i18n/locales";
import { recentMonths, thisMonth, type CashQuery } from "./cash-query";

/** Who reported a collection, by its name in `cash.filters`. */
const sources = [
  ["machine", "sourceMachine"],
  ["technician", "sourceTechnician"],
] as const satisfies readonly (readonly [CashCollectionSource, string])[];

/** "Nov 2026" (2026年11月) from "2026-11". */
export function monthLabel(month: string, locale?: Locale): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(intlLocale(locale), { month: "short", year: "numeric", timeZone: "UTC" });
}

/** The cash filter as chips: machine, technician, route, who reported it, and month (or the range a link named). */
export function CashFilters({ query, onChange }: { query: CashQuery; onChange: (changes: Partial<CashQuery>) => void }) {
  const t = useTranslations("cash.filters");
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const { data: routes } = useSuspenseQuery(trpc.routes.list.queryOptions({ orgId: org.id }));
  const { data: technicians } = useSuspenseQuery(trpc.routes.technicians.queryOptions({ orgId: org.id }));
  const optional = <T,>(value: T | null) => value ?? undefined;
  const range = query.fromMonth || query.toMonth ? `${query.fromMonth ?? ""}..${query.toMonth ?? ""}` : null;
  const single = query.fromMonth && query.fromMonth === query.toMonth ? query.fromMonth : null;
  const sourceOptions = sources.map(([value, name]) => ({ value, label: t(name) }));
  const monthOptions = recentMonths(thisMonth(org.timeZone)).map((m) => ({ value: m, label: monthLabel(m, locale) }));
  if (range && !single) {
    const label = t("range", {
      from: query.fromMonth ? monthLabel(query.fromMonth, locale) : t("rangeOpenStart"),
      to: query.toMonth ? monthLabel(query.toMonth, locale) : t("rangeOpenEnd"),
    });
    monthOptions.unshift({ value: range, label });
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <FilterChip
        label={t("machine")}
        value={query.machineId ?? null}
        options={machines.map((m) => ({ value: m.id, label: m.name }))}
        onChange={(v) => onChange({ machineId: optional(v) })}
      />
      <FilterChip
        label={t("technician")}
        value={query.technicianId ?? null}
        options={technicians.map((t) => ({ value: t.id, label: t.name }))}
        onChange={(v) => onChange({ technicianId: optional(v) })}
      />
      <FilterChip label={t("route")} value={query.routeId ?? null} options={routes.map((r) => ({ value: r.id, label: r.name }))} onChange={(v) => onChange({ routeId: optional(v) })} />
      <FilterChip label={t("source")} value={query.source ?? null} options={sourceOptions} onChange={(v) => onChange({ source: optional(v) })} />
      <FilterChip
        label={t("month")}
        value={single ?? range}
        options={monthOptions}
        onChange={(v) => (v === range && !single ? undefined : onChange({ fromMonth: optional(v), toMonth: optional(v) }))}
      />
    </div>
  );
}
