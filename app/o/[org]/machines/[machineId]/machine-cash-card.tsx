"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { Card } from "~/app/_components/ui/card";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useTRPC } from "~/app/_trpc/client";
import { Variance } from "~/app/_components/ui/variance";

const dt = "text-zinc-500 dark:text-zinc-400";

/**
 * The machine's cash box: what should be in it now and since when, its last collections with their
 * over/short, and the place for its coin tube levels (`coinTubes`, from its DEX audits).
 */
export function MachineCashCard({ machineId, coinTubes }: { machineId: string; coinTubes?: React.ReactNode }) {
  const org = useOrg();
  const trpc = useTRPC();
  const expected = useQuery(trpc.cash.machineExpected.queryOptions({ orgId: org.id, machineId }));
  const recent = useQuery(trpc.cash.list.queryOptions({ orgId: org.id, machineId, limit: 3 }));
  const t = useTranslations("machines.cashBox");
  const f = useFormat();
  const e = expected.data;
  const money = (minor: number) => f.money(minor, e?.currency ?? org.currency);
  return (
    <Card
      id="cash"
      title={t("title")}
      description={e ? t("expectedNow", { amount: money(e.expectedMinor) }) : t("expected")}
      actions={
        <Link href={`/o/${org.slug}/cash?machineId=${machineId}`} className="inline-flex items-center gap-1 text-xs text-brand-600 hover:underline dark:text-brand-500">
          {t("collections")} <ArrowRight aria-hidden className="size-3.5" />
        </Link>
      }
    >
      {!e ? (
        <Skeleton className="h-16 w-full" />
      ) : (
        <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-y-1.5 text-[13px]">
          <dt className={dt}>{t("lastCollected")}</dt>
          <dd className="text-right">
            <RelativeTime date={e.periodStart} timeZone={org.timeZone} never={t("never")} />
          </dd>
          <dt className={dt}>{t("salesSince")}</dt>
          <dd className="tabular text-right">{money(e.salesMinor)}</dd>
          {e.paidBackMinor > 0 && (
            <>
              <dt className={dt}>{t("paidBack")}</dt>
              <dd className="tabular text-right">−{money(e.paidBackMinor)}</dd>
            </>
          )}
          <dt className="font-medium">{t("expectedInBox")}</dt>
          <dd className="tabular text-right font-semibold">{money(e.expectedMinor)}</dd>
        </dl>
      )}
      {recent.data && recent.data.collections.length > 0 && (
        <ul aria-label={t("lastCollections")} className="mt-3 divide-y divide-zinc-100 border-t border-zinc-100 text-[13px] dark:divide-zinc-800 dark:border-zinc-800">
          {recent.data.collections.map((c) => (
            <li key={c.id} className="flex items-baseline justify-between gap-3 py-2">
              <span className="min-w-0">
                <Timestamp date={c.occurredAt} timeZone={org.timeZone} dateOnly />
                <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                  {c.technicianName
                    ? t("countedBy", { amount: f.money(c.countedMinor, c.currency), name: c.technicianName })
                    : t("countedByMachine", { amount: f.money(c.countedMinor, c.currency) })}
                </span>
              </span>
              <Variance minor={c.varianceMinor} currency={c.currency} />
            </li>
          ))}
        </ul>
      )}
      <div className="mt-3 border-t border-zinc-100 pt-3 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {coinTubes ?? t("coinTubesNote")}
      </div>
    </Card>
  );
}
