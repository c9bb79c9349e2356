"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { useOrg } from "~/app/_components/org/org-context";
import { paymentMethods, usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useTRPC } from "~/app/_trpc/client";
import type { SalesComparison } from "~/server/sales/contract";
import { CompareSelect } from "./compare-select";
import { DateRange } from "./date-range";
import type { SalesQuery } from "./sales-query";

const statuses = ["succeeded", "failed"] as const;

/** The sales filter: date range, machine, location, product, payment method and status. */
export function SalesFilters({
  query,
  onChange,
  compare,
  onCompare,
}: {
  query: SalesQuery;
  onChange: (changes: Partial<SalesQuery>) => void;
  compare: SalesComparison | null;
  onCompare: (compare: SalesComparison | null) => void;
}) {
  const t = useTranslations("sales.filters");
  const org = useOrg();
  const trpc = useTRPC();
  const paymentMethodLabel = usePaymentMethodLabel();
  const methodOptions = paymentMethods.map((m) => ({ value: m, label: paymentMethodLabel(m) }));
  const statusOptions = statuses.map((s) => ({ value: s, label: t(s) }));
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const { data: locations } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const { data: products } = useSuspenseQuery(trpc.products.list.queryOptions({ orgId: org.id }));
  const optional = <T,>(value: T | null) => value ?? undefined;
  return (
    <div className="min-w-0 space-y-2.5">
      <div className="flex flex-wrap items-center gap-2">
        <DateRange from={query.from} to={query.to} onChange={onChange} />
        <CompareSelect value={compare} onChange={onCompare} bounded={Boolean(query.from && query.to)} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <FilterChip
          label={t("machine")}
          value={query.machineId ?? null}
          options={machines.map((m) => ({ value: m.id, label: m.name }))}
          onChange={(v) => onChange({ machineId: optional(v) })}
        />
        <FilterChip
          label={t("location")}
          value={query.locationId ?? null}
          options={locations.map((l) => ({ value: l.id, label: l.name }))}
          onChange={(v) => onChange({ locationId: optional(v) })}
        />
        <FilterChip
          label={t("product")}
          value={query.productId ?? null}
          options={products.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v) => onChange({ productId: optional(v) })}
        />
        <FilterChip label={t("payment")} value={query.paymentMethod ?? null} options={methodOptions} onChange={(v) => onChange({ paymentMethod: optional(v) })} />
        <FilterChip label={t("status")} value={query.status ?? null} options={statusOptions} onChange={(v) => onChange({ status: optional(v) })} />
      </div>
    </div>
  );
}
