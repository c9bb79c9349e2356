"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef } from "react";
import { useTRPC } from "~/app/_trpc/client";
import type { MemberRole } from "~/server/tenancy/contract";
import { useOrg } from "./org-context";
import { sectionsFor } from "./org-sections";

/** The organization's sections in groups, the current one marked; sections above the member's role are left out. */
export function OrgNav({ slug, role }: { slug: string; role: MemberRole }) {
  const t = useTranslations("common.shell.nav");
  const pathname = usePathname();
  const base = `/o/${slug}`;
  const groups = sectionsFor(role);
  // The sidebar is rendered twice on narrow screens (the hidden column and the drawer): ids must differ.
  const idPrefix = useId();
  const navRef = useRef<HTMLElement>(null);
  // The most specific section that holds the page: /settings/membership is the loyalty program, not Settings;
  // /routes/today is "Today's route", not "Routes".
  const current = groups
    .flatMap((g) => g.sections)
    .filter((s) => (s.path === "" ? pathname === base : pathname === `${base}${s.path}` || pathname.startsWith(`${base}${s.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  // The sections may be taller than a laptop's screen: keep the current one in sight when a page opens.
  useEffect(() => {
    const link = navRef.current?.querySelector<HTMLElement>('[aria-current="page"]');
    const box = navRef.current?.parentElement;
    if (!link || !box) return;
    const { top, bottom } = link.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    if (top < view.top || bottom > view.bottom) box.scrollTop += top - view.top - view.height / 2;
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label={t("label")} className="space-y-3">
      {groups.map((group) => {
        const headingId = `${idPrefix}-${group.id}`;
        return (
          <div key={group.id}>
            <h2 id={headingId} className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {t(`groups.${group.id}`)}
            </h2>
            <ul aria-labelledby={headingId} className="space-y-0.5">
              {group.sections.map(({ path, id, icon: Icon, nested }) => {
                const active = current?.path === path;
                return (
                  <li key={path} className={clsx(nested && "ml-4 border-l border-zinc-200 pl-1.5 dark:border-zinc-800")}>
                    <Link
                      href={`${base}${path}`}
                      aria-current={active ? "page" : undefined}
                      className={clsx(
                        "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm font-medium transition-colors lg:py-1",
                        active
                          ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-white dark:ring-zinc-700"
                          : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/70 dark:hover:text-zinc-100",
                      )}
                    >
                      <Icon aria-hidden className={clsx("size-4", active ? "text-brand-600 dark:text-brand-500" : "text-zinc-500")} />
                      {t(`sections.${id}`)}
                      {path === "/refund-requests" && <PendingRequestsBadge />}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

/** How many refund requests wait for a manager; nothing while there are none. */
function PendingRequestsBadge() {
  const t = useTranslations("common.shell.nav");
  const org = useOrg();
  const trpc = useTRPC();
  const { data } = useQuery(trpc.refundRequests.pendingCount.queryOptions({ orgId: org.id }, { staleTime: 60_000 }));
  const count = data ?? 0;
  if (count === 0) return null;
  return (
    <span className="tabular ml-auto rounded-full bg-amber-100 px-1.5 py-px text-[11px] font-semibold text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">
      {count}
      <span className="sr-only"> {t("waiting")}</span>
    </span>
  );
}
