"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDeferredValue, useMemo } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { Card } from "~/app/_components/ui/card";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { periodChoices, periodOf, rankingsQueryFrom } from "./rankings-query";
import { PlaceProfitSection } from "./place-profit";
import { CandidatesTable, ProductsTable } from "./rankings-tables";

export function RankingsView() {
  const org = useOrg();
  const t = useTranslations("rankings.view");
  const f = useFormat();
  const trpc = useTRPC();
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => rankingsQueryFrom(new URLSearchParams(queryString)), [queryString]);
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const { data: places } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const { data } = useSuspenseQuery(trpc.analytics.rankings.queryOptions({ orgId: org.id, ...periodOf(shown.days, org.timeZone, shown.locationId) }));
  // Places are compared with each other, so their profit is always over every place.
  const { data: profit } = useSuspenseQuery(trpc.profit.places.queryOptions({ orgId: org.id, ...periodOf(shown.days, org.timeZone) }));
  const place = places.find((p) => p.id === shown.locationId);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
          {t("period")}
          <NativeSelect size="sm" value={query.days} onChange={(e) => updateUrl({ days: e.target.value === "30" ? null : e.target.value })}>
            {periodChoices.map((value) => (
              <option key={value} value={value}>
                {t(`periods.${value}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="flex items-center gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
          {t("location")}
          <NativeSelect size="sm" value={query.locationId ?? ""} onChange={(e) => updateUrl({ location: e.target.value || null })}>
            <option value="">{t("allLocations")}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </label>
        <span className="text-[13px] text-zinc-500 dark:text-zinc-400">
          {t("range", { from: f.day(data.period.from, true), to: f.day(data.period.to, true), days: data.period.days })}
        </span>
        {loading && <LoaderCircle aria-label={t("loading")} className="size-4 animate-spin text-zinc-500" />}
      </div>

      <div aria-busy={loading} className={loading ? "space-y-6 opacity-60 transition-opacity" : "space-y-6"}>
        <Card title={place ? t("bestSellersAt", { place: place.name }) : t("bestSellers")} description={t("bestSellersDescription")} bodyClassName="p-0">
          <ProductsTable rows={data.products} currency={data.period.currency} />
        </Card>
        <Card
          title={t("slowMovers")}
          description={t("slowMoversDescription")}
          bodyClassName="p-0"
        >
          <CandidatesTable rows={data.candidates} currency={data.period.currency} />
        </Card>
        <PlaceProfitSection report={profit} />
      </div>
    </div>
  );
}
