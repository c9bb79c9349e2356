"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Bell } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "~/app/_trpc/client";
import { useOrg } from "./org-context";

/** The notifications bell with its unread count, asked again every 5 seconds (one indexed count). */
export function NotificationBell({ className }: { className?: string }) {
  const t = useTranslations("common.shell.notifications");
  const org = useOrg();
  const trpc = useTRPC();
  const { data: unread = 0 } = useQuery(trpc.notifications.unreadCount.queryOptions({ orgId: org.id }, { refetchInterval: 5_000 }));
  const label = unread > 0 ? t("unread", { count: unread }) : t("label");
  return (
    <Link
      href={`/o/${org.slug}/notifications`}
      aria-label={label}
      title={label}
      className={clsx("relative inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100", className)}
    >
      <Bell aria-hidden className="size-4" />
      {unread > 0 && (
        <span data-testid="unread-badge" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white tabular-nums">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
