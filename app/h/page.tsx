import { ChevronRight, MapPin } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { serverCaller } from "~/app/_trpc/server";
import { requireUser } from "~/server/web";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hostPortal.places"))("meta") };
}

/** Every place the signed-in host follows, grouped by the operator whose machines stand there. */
export default async function HostPlacesPage() {
  // The layout sends a visitor to sign in; the page, rendered beside it, must not ask for their places first.
  await requireUser("/h");
  const places = await (await serverCaller()).hostPortal.places();
  const t = await getTranslations("hostPortal.places");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {places.length === 0 ? (
        <EmptyState icon={<MapPin />} title={t("emptyTitle")} className="bg-white dark:bg-zinc-900/40">
          {t("emptyBody")}
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {places.map((org) => (
            <section key={org.orgId} aria-labelledby={`org-${org.orgId}`}>
              <h2 id={`org-${org.orgId}`} className="mb-2 text-sm font-semibold text-zinc-700 dark:text-zinc-300">
                <Link href={`/h/${org.orgSlug}`} className="rounded hover:underline">
                  {org.orgName}
                </Link>
              </h2>
              <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
                {org.locations.map((place) => (
                  <li key={place.id}>
                    <Link
                      href={`/h/${org.orgSlug}/locations/${place.id}`}
                      className="group flex min-h-14 items-center gap-3 px-4 py-3 hover:bg-zinc-50 focus-visible:-outline-offset-2 dark:hover:bg-zinc-800/50"
                    >
                      <MapPin aria-hidden className="size-4 shrink-0 text-zinc-400" />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{place.name}</span>
                        {place.address && <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{place.address}</span>}
                      </span>
                      <ChevronRight aria-hidden className="size-4 text-zinc-500 group-hover:text-zinc-600" />
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
