import { ChevronRight, MapPin } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { orNotFound, serverCaller } from "~/app/_trpc/server";
import { formatMoney } from "~/server/money";
import { requireHost } from "~/server/web";

export const metadata: Metadata = { title: "Your places" };

/** A host's places at one operator, each with its machines' state and its sales today and this month. */
export default async function HostOrgPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireHost(slug, `/h/${slug}`);
  const overview = await orNotFound((await serverCaller()).hostPortal.overview({ org: org.id }));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-[13px] text-zinc-500 dark:text-zinc-400">
        <Link href="/h" className="rounded hover:underline">
          Your places
        </Link>
      </nav>
      <PageHeader title={org.name} description="The places where this operator's machines stand at your premises." />
      {overview.locations.length === 0 ? (
        <EmptyState icon={<MapPin />} title="No places" className="bg-white dark:bg-zinc-900/40">
          The operator has not given you access to a place yet.
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {overview.locations.map((place) => (
            <li key={place.id}>
              <Link
                href={`/h/${org.slug}/locations/${place.id}`}
                className="group block rounded-lg border border-zinc-200 bg-white p-4 shadow-xs hover:border-zinc-300 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-700"
              >
                <span className="flex items-start justify-between gap-2">
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{place.name}</span>
                    {place.address && <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{place.address}</span>}
                  </span>
                  <ChevronRight aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400 group-hover:text-zinc-600" />
                </span>
                <span className="mt-3 flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
                  <span>
                    {place.machines} {place.machines === 1 ? "machine" : "machines"}
                  </span>
                  {place.attention > 0 ? (
                    <StatusBadge status="offline" label={`${place.attention} need attention`} />
                  ) : place.machines > 0 ? (
                    <StatusBadge status="online" label="All working" />
                  ) : null}
                </span>
                {place.totals.map((t) => (
                  <span key={t.currency} className="mt-3 grid grid-cols-2 gap-2 text-sm">
                    <span>
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">Today</span>
                      <span className="font-semibold tabular-nums">{formatMoney(t.todayMinor, t.currency)}</span>
                    </span>
                    <span>
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">This month</span>
                      <span className="font-semibold tabular-nums">{formatMoney(t.monthMinor, t.currency)}</span>
                    </span>
                  </span>
                ))}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
