"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { useLocationKindLabel } from "../location-kinds";
import { HostContractSection } from "./host-contract-section";
import { LocationHosts } from "./location-hosts";
import { LocationMachines } from "./location-machines";

/** A place: what it is, the machines standing there, the host's contract and the host's people. */
export function LocationView({ locationId }: { locationId: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: locations } = useSuspenseQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const t = useTranslations("locations.detail");
  const f = useFormat();
  const kindLabel = useLocationKindLabel();
  const location = locations.find((l) => l.id === locationId);
  if (!location) return null;
  const facts = [
    { label: t("kind"), value: kindLabel(location.kind) },
    location.address ? { label: t("address"), value: location.address } : null,
    { label: t("machines"), value: <span className="tabular">{location.machineCount}</span> },
    { label: t("sevenDays"), value: <span className="tabular">{f.money(location.revenue7dMinor, location.currency)}</span> },
  ].filter((f) => f !== null);
  return (
    <>
      <header className="mb-6">
        <Link
          href={`/o/${org.slug}/locations`}
          className="-ml-1 inline-flex items-center gap-0.5 rounded px-1 text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          <ChevronLeft aria-hidden className="size-4" />
          {t("back")}
        </Link>
        <h1 className="mt-1 truncate text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{location.name}</h1>
        <dl className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-[13px] text-zinc-500 dark:text-zinc-400">
          {facts.map((f) => (
            <div key={f.label} className="flex gap-1.5">
              <dt>{f.label}</dt>
              <dd className="text-zinc-800 dark:text-zinc-200">{f.value}</dd>
            </div>
          ))}
        </dl>
      </header>
      <div className="space-y-6">
        <LocationMachines locationId={locationId} locationName={location.name} />
        <HostContractSection locationId={locationId} locationName={location.name} />
        {hasRole(org.role, "manager") && <LocationHosts locationId={locationId} locationName={location.name} />}
      </div>
    </>
  );
}
