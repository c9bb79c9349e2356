"use client";

import { useTranslations } from "next-intl";
import { Card } from "~/app/_components/ui/card";
import { useOrg } from "~/app/_components/org/org-context";
import { Timestamp } from "~/app/_components/ui/timestamp";
import type { HostStatementDetail } from "~/server/hosts/contract";

/** What happened to the statement, oldest first: made, revised, approved, sent, paid. */
export function StatementHistory({ statement: s }: { statement: HostStatementDetail }) {
  const org = useOrg();
  const t = useTranslations("hosts.history");
  const events = [
    { label: t("generated"), at: s.generatedAt },
    s.revisedAt ? { label: s.revision > 1 ? t("revisedNth", { revision: s.revision }) : t("revised"), at: s.revisedAt } : null,
    s.approvedAt ? { label: t("approved"), at: s.approvedAt } : null,
    s.sentAt ? { label: t("sent"), at: s.sentAt } : null,
    s.paidAt ? { label: t("paid"), at: s.paidAt } : null,
  ]
    .filter((e) => e !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <Card title={t("title")}>
      <ol className="space-y-2.5 border-l border-zinc-200 pl-4 text-[13px] dark:border-zinc-800">
        {events.map((e) => (
          <li key={e.label} className="relative">
            <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-zinc-400 dark:bg-zinc-500" />
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{e.label}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              <Timestamp date={e.at} timeZone={org.timeZone} />
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
