"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Suspense, useDeferredValue, useMemo } from "react";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { qualityCodes } from "~/server/audits/contract";
import { hasRole } from "~/server/tenancy/contract";
import { useQualityLabel } from "./audit-badges";
import { AuditUpload } from "./audit-upload";
import { AuditsList } from "./audits-list";
import { auditsQueryFrom, findingsFilters, withKnownMachine } from "./audits-query";


/** The upload area (technicians and up), then the fleet's audits with their filters, kept in the URL. */
export function AuditsView() {
  const t = useTranslations("audits");
  const qualityLabel = useQualityLabel();
  const findingsOptions = findingsFilters.map((f) => ({ value: f, label: t(`findings.${f}`) }));
  const qualityOptions = Object.keys(qualityCodes).map((code) => ({ value: code, label: qualityLabel(code) }));
  const org = useOrg();
  const trpc = useTRPC();
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const [params, updateUrl] = useUrlQuery();
  const queryString = params.toString();
  const query = useMemo(() => withKnownMachine(auditsQueryFrom(new URLSearchParams(queryString)), machines), [queryString, machines]);
  const shown = useDeferredValue(query);
  const loading = shown !== query;
  const machineOptions = useMemo(() => machines.map((m) => ({ value: m.id, label: m.name })), [machines]);

  return (
    <div className="space-y-8">
      {hasRole(org.role, "technician") && <AuditUpload machines={machines} />}
      <section aria-labelledby="audits-heading" className="space-y-3">
        <h2 id="audits-heading" className="text-sm font-semibold">
          {t("view.fleet")}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <FilterChip label={t("view.machine")} value={query.machineId ?? null} options={machineOptions} onChange={(v) => updateUrl({ machine: v })} />
          <FilterChip label={t("view.findings")} value={query.findings ?? null} options={findingsOptions} onChange={(v) => updateUrl({ findings: v })} />
          <FilterChip label={t("view.quality")} value={query.quality ?? null} options={qualityOptions} onChange={(v) => updateUrl({ quality: v })} />
          {loading && <LoaderCircle aria-label={t("view.loading")} className="size-4 animate-spin text-zinc-500" />}
        </div>
        <div aria-busy={loading} className={loading ? "opacity-60 transition-opacity" : undefined}>
          <Suspense fallback={<TableSkeleton rows={6} className="" />}>
            <AuditsList key={shown.machineId ?? "all"} query={shown} />
          </Suspense>
        </div>
      </section>
    </div>
  );
}
