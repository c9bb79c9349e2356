import { ChevronRight, MapPin } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { orNotFound, serverCaller } from "~/app/_trpc/server";
import { getFormat } from "~/app/_components/i18n/get-format";
import { requireHost } from "~/server/web";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostPortal.places"))("meta") };
}

/** A host's places at one operator, each with its machines' state and its sales today and this month. */
export default async function HostOrgPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org } = await requireHost(slug, `/h/${slug}`);
  const overview = await orNotFound((await serverCaller()).hostPortal.overview({ org: org.id }));
  const t = await getTranslations("hostPortal");
  const f = await getFormat();
  return (
    <>
      <nav aria-label={t("org.breadcrumb")} className="mb-2 text-[13px] text-zinc-500 dark:text-zinc-400">
        <Link href="/h" className="rounded hover:underline">
          {t("places.title")}
        </Link>
      </nav>
      <PageHeader title={org.name} description={t("org.description")} />
      {overview.locations.length === 0 ? (
        <EmptyState icon={<MapPin />} title={t("org.emptyTitle")} className="bg-white dark:bg-zinc-900/40">
          {t("org.emptyBody")}
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
                  <span>{t("org.machines", { count: place.machines })}</span>
                  {place.attention > 0 ? (
                    <StatusBadge status="offline" label={t("org.attention", { count: place.attention })} />
                  ) : place.machines > 0 ? (
                    <StatusBadge status="online" label={t("org.allWorking")} />
                  ) : null}
                </span>
                {place.totals.map((total) => (
                  <span key={total.currency} className="mt-3 grid grid-cols-2 gap-2 text-sm">
                    <span>
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t("org.today")}</span>
                      <span className="font-semibold tabular-nums">{f.money(total.todayMinor, total.currency)}</span>
                    </span>
                    <span>
                      <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t("org.thisMonth")}</span>
                      <span className="font-semibold tabular-nums">{f.money(total.monthMinor, total.currency)}</span>
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
