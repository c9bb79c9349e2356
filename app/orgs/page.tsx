import { Building2, ChevronRight, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Avatar } from "~/app/_components/ui/avatar";
import { buttonClasses } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { serverCaller } from "~/app/_trpc/server";
import { redirect } from "next/navigation";
import { requireUser } from "~/server/web";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orgs"))("list.meta") };
}

export default async function OrgsPage() {
  await requireUser("/orgs");
  const t = await getTranslations();
  const caller = await serverCaller();
  const orgs = await caller.org.mine();
  // A host who is no operator's member goes straight to their places.
  if (orgs.length === 0 && (await caller.hostPortal.places()).length > 0) redirect("/h");
  const create = (
    <Link href="/orgs/new" className={buttonClasses(orgs.length ? "secondary" : "primary")}>
      <Plus aria-hidden />
      {t("orgs.list.create")}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={t("orgs.list.title")}
        description={t("orgs.list.description")}
        actions={orgs.length > 0 ? create : undefined}
      />
      {orgs.length === 0 ? (
        <EmptyState icon={<Building2 />} title={t("orgs.list.emptyTitle")} action={create} className="bg-white dark:bg-zinc-900/40">
          {t("orgs.list.emptyBody")}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {orgs.map((org) => (
            <li key={org.id}>
              <Link
                href={`/o/${org.slug}`}
                className="group flex items-center gap-3 px-4 py-3 hover:bg-zinc-50 focus-visible:-outline-offset-2 dark:hover:bg-zinc-800/50"
              >
                <Avatar name={org.name} shape="square" className="size-9 text-xs" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{org.name}</span>
                  <span className="block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{`/o/${org.slug}`}</span>
                </span>
                <span className="text-[13px] text-zinc-500 dark:text-zinc-400">{t(`common.roles.${org.role}`)}</span>
                <ChevronRight aria-hidden className="size-4 text-zinc-500 group-hover:text-zinc-600" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
