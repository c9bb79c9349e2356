"use client";

import { useSuspenseInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { LoaderCircle, ScrollText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { AuditAction } from "~/server/tenancy/contract";
import { AuditEntryRow } from "./audit-entry-row";
import { auditPageOptions, useAuditActionOptions } from "./describe-entry";

/** The audit log, newest first, a page at a time ("Load more"), filtered by action. */
export function AuditLog() {
  const org = useOrg();
  const t = useTranslations("auditLog.log");
  const auditActionOptions = useAuditActionOptions();
  const trpc = useTRPC();
  const [action, setAction] = useState<AuditAction | null>(null);
  // Changing the filter keeps showing the current entries until the new ones arrive.
  const [filtering, startFiltering] = useTransition();
  const log = useSuspenseInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ orgId: org.id, ...(action ? { action } : {}) }, auditPageOptions),
  );
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions({ orgId: org.id }));
  const people = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members]);
  const entries = log.data.pages.flatMap((p) => p.entries);

  return (
    <section aria-label={t("label")}>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <FilterChip label={t("actionFilter")} value={action} options={auditActionOptions} onChange={(next) => startFiltering(() => setAction(next))} />
        {filtering && <LoaderCircle aria-label={t("loading")} className="size-4 animate-spin text-zinc-500" />}
      </div>
      {entries.length === 0 ? (
        <EmptyState icon={<ScrollText />} title={action ? t("noEntriesTitle") : t("emptyTitle")}>
          {action ? t("noEntriesBody") : t("emptyBody")}
        </EmptyState>
      ) : (
        <ol aria-busy={filtering} className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
          {entries.map((entry) => (
            <AuditEntryRow key={entry.id} entry={entry} people={people} />
          ))}
        </ol>
      )}
      <FormAlert message={log.isFetchNextPageError ? errorMessageOf(log.error) : null} className="[&:not(:empty)]:mt-3" />
      {log.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage && <LoaderCircle aria-hidden className="animate-spin" />}
            {log.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
          </Button>
        </div>
      ) : (
        entries.length > 0 && (
          <p className="mt-4 text-center text-xs text-zinc-500 dark:text-zinc-400">{t("end")}</p>
        )
      )}
    </section>
  );
}
