import { Award } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { LevelBar } from "~/app/_components/ui/level-bar";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { getFormat } from "~/app/_components/i18n/get-format";
import { PageHeader } from "~/app/_components/ui/page-header";
import { serverCaller } from "~/app/_trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumer.me.memberships"))("title") };
}

export default async function MembershipsPage() {
  const memberships = await (await serverCaller()).consumer.memberships();
  const t = await getTranslations("consumer.me.memberships");
  const f = await getFormat();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {memberships.length === 0 ? (
        <EmptyState icon={<Award />} title={t("emptyTitle")} className="bg-white dark:bg-zinc-900/40">
          {t("emptyBody")}
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {memberships.map((m) => {
            const toNext = m.nextTier ? Math.max(0, m.nextTier.minPoints - m.points) : 0;
            return (
              <li key={m.orgId} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="truncate font-semibold text-zinc-900 dark:text-zinc-100">{m.operator}</h2>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {t.rich("since", { time: () => <LocalTime date={m.joinedAt} dateOnly /> })}
                    </p>
                  </div>
                  {m.tier && (
                    <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-700 dark:bg-brand-500/15 dark:text-brand-100">
                      {m.tier}
                    </span>
                  )}
                </div>
                <p className="mt-3">
                  <span className="tabular text-2xl font-semibold">{f.count(m.points)}</span>{" "}
                  <span className="text-sm text-zinc-500 dark:text-zinc-400">{t("points")}</span>
                </p>
                {m.nextTier ? (
                  <div className="mt-2 space-y-1.5">
                    <LevelBar value={m.points} max={m.nextTier.minPoints} tone="ok" label={t("progress", { tier: m.nextTier.name })} />
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {t("toNext", { points: toNext, tier: m.nextTier.name })}
                    </p>
                  </div>
                ) : (
                  m.tier && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{t("top")}</p>
                )}
                {!m.enabled && <p className="mt-2 text-xs text-amber-700 dark:text-amber-300">{t("paused")}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
