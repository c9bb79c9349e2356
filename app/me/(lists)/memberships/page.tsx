import { Award } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { LevelBar } from "~/app/_components/ui/level-bar";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { formatCount } from "~/app/_components/labels/numbers";
import { PageHeader } from "~/app/_components/ui/page-header";
import { serverCaller } from "~/app/_trpc/server";

export const metadata: Metadata = { title: "Memberships" };

export default async function MembershipsPage() {
  const memberships = await (await serverCaller()).consumer.memberships();
  return (
    <>
      <PageHeader title="Memberships" description="Points you collect with each operator, and the tier they give you." />
      {memberships.length === 0 ? (
        <EmptyState icon={<Award />} title="No memberships yet" className="bg-white dark:bg-zinc-900/40">
          When you buy at a machine whose operator runs a points program while signed in, you join it and your points show up
          here.
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
                      Member since <LocalTime date={m.joinedAt} dateOnly />
                    </p>
                  </div>
                  {m.tier && (
                    <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-700 dark:bg-brand-500/15 dark:text-brand-100">
                      {m.tier}
                    </span>
                  )}
                </div>
                <p className="mt-3">
                  <span className="tabular text-2xl font-semibold">{formatCount(m.points)}</span>{" "}
                  <span className="text-sm text-zinc-500 dark:text-zinc-400">points</span>
                </p>
                {m.nextTier ? (
                  <div className="mt-2 space-y-1.5">
                    <LevelBar value={m.points} max={m.nextTier.minPoints} tone="ok" label={`Progress to ${m.nextTier.name}`} />
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {formatCount(toNext)} more {toNext === 1 ? "point" : "points"} to {m.nextTier.name}
                    </p>
                  </div>
                ) : (
                  m.tier && <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">You hold the top tier.</p>
                )}
                {!m.enabled && <p className="mt-2 text-xs text-amber-700 dark:text-amber-300">This operator has paused its program: points are kept but not collected for now.</p>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
