"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { CashCollectionSource } from "~/server/cash/contract";
import { recentMonths, thisMonth, type CashQuery } from "./cash-query";

const sourceOptions: { value: CashCollectionSource; label: string }[] = [
  { value: "machine", label: "The machine" },
  { value: "technician", label: "A technician" },
];

/** "Nov 2026" from "2026-11". */
export function monthLabel(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
}

/** The cash filter as chips: machine, technician, route, who reported it, and month (or the range a link named). */
export function CashFilters({ query, onChange }: { query: CashQuery; onChange: (changes: Partial<CashQuery>) => void }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const { data: routes } = useSuspenseQuery(trpc.routes.list.queryOptions({ orgId: org.id }));
  const { data: technicians } = useSuspenseQuery(trpc.routes.technicians.queryOptions({ orgId: org.id }));
  const optional = <T,>(value: T | null) => value ?? undefined;
  const range = query.fromMonth || query.toMonth ? `${query.fromMonth ?? ""}..${query.toMonth ?? ""}` : null;
  const single = query.fromMonth && query.fromMonth === query.toMonth ? query.fromMonth : null;
  const monthOptions = recentMonths(thisMonth(org.timeZone)).map((m) => ({ value: m, label: monthLabel(m) }));
  if (range && !single) {
    const label = `${query.fromMonth ? monthLabel(query.fromMonth) : "…"} to ${query.toMonth ? monthLabel(query.toMonth) : "now"}`;
    monthOptions.unshift({ value: range, label });
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <FilterChip
        label="Machine"
        value={query.machineId ?? null}
        options={machines.map((m) => ({ value: m.id, label: m.name }))}
        onChange={(v) => onChange({ machineId: optional(v) })}
      />
      <FilterChip
        label="Technician"
        value={query.technicianId ?? null}
        options={technicians.map((t) => ({ value: t.id, label: t.name }))}
        onChange={(v) => onChange({ technicianId: optional(v) })}
      />
      <FilterChip label="Route" value={query.routeId ?? null} options={routes.map((r) => ({ value: r.id, label: r.name }))} onChange={(v) => onChange({ routeId: optional(v) })} />
      <FilterChip label="Reported by" value={query.source ?? null} options={sourceOptions} onChange={(v) => onChange({ source: optional(v) })} />
      <FilterChip
        label="Month"
        value={single ?? range}
        options={monthOptions}
        onChange={(v) => (v === range && !single ? undefined : onChange({ fromMonth: optional(v), toMonth: optional(v) }))}
      />
    </div>
  );
}
