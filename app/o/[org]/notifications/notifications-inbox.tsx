"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { BellRing, CheckCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { useTRPC } from "~/app/_trpc/client";

/** The member's notifications; opening one marks it read. */
export function NotificationsInbox() {
  const org = useOrg();
  const t = useTranslations("notifications.inbox");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: items } = useSuspenseQuery(trpc.notifications.list.queryOptions({ orgId: org.id }, { refetchInterval: 5_000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }));
  const unread = items.filter((n) => !n.readAt).length;

  if (items.length === 0) {
    return (
      <EmptyState icon={<BellRing />} title={t("emptyTitle")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }
  return (
    <section aria-label={t("label")}>
      <div className="mb-3 flex items-center justify-between">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{unread > 0 ? t("unread", { count: unread }) : t("allRead")}</p>
        <Button size="sm" onClick={() => markAll.mutate({ orgId: org.id })} disabled={unread === 0 || markAll.isPending}>
          <CheckCheck aria-hidden />
          {t("markAll")}
        </Button>
      </div>
      <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
        {items.map((n) => (
          <li key={n.id} className={clsx("flex items-start gap-3 px-4 py-3 text-[13px]", !n.readAt && "bg-brand-50/40 dark:bg-brand-500/5")}>
            <span aria-hidden className={clsx("mt-1.5 size-2 shrink-0 rounded-full", n.readAt ? "bg-transparent" : "bg-brand-500")} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <StatusBadge status={n.severity} />
                {n.link ? (
                  <Link
                    href={`/o/${org.slug}${n.link}`}
                    onClick={() => !n.readAt && markRead.mutate({ orgId: org.id, ids: [n.id] })}
                    className="font-medium text-zinc-900 hover:underline dark:text-zinc-100"
                  >
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium">{n.title}</span>
                )}
                {!n.readAt && <span className="sr-only">{t("unreadMarker")}</span>}
              </div>
              {n.body && <p className="mt-0.5 text-zinc-600 dark:text-zinc-400">{n.body}</p>}
            </div>
            <RelativeTime date={n.createdAt} timeZone={org.timeZone} className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400" />
            {!n.readAt && (
              <Button size="sm" variant="ghost" onClick={() => markRead.mutate({ orgId: org.id, ids: [n.id] })} aria-label={t("markReadLabel", { title: n.title })}>
                {t("markRead")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
