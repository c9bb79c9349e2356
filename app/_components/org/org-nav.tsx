"use client";

import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { BadgeCheck, Banknote, BarChart3, BellRing, CalendarRange, Clock, FileDigit, Inbox, LayoutDashboard, MapPin, Package, Receipt, Refrigerator, Route, ScrollText, Settings, ShoppingCart, Trophy, Truck, Undo2, Users, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTRPC } from "~/app/_trpc/client";
import type { MemberRole } from "~/server/tenancy/contract";
import { hasRole } from "~/server/tenancy/contract";
import { useOrg } from "./org-context";

// Only sections that exist; each new domain adds its entry here when its pages ship.
const sections = [
  { path: "", label: "Overview", icon: LayoutDashboard, least: "viewer" },
  { path: "/alerts", label: "Alerts", icon: BellRing, least: "viewer" },
  { path: "/machines", label: "Machines", icon: Refrigerator, least: "viewer" },
  { path: "/locations", label: "Locations", icon: MapPin, least: "viewer" },
  { path: "/products", label: "Products", icon: Package, least: "viewer" },
  { path: "/sales", label: "Sales", icon: Receipt, least: "viewer" },
  { path: "/cash", label: "Cash", icon: Banknote, least: "viewer" },
  { path: "/audits", label: "Audits", icon: FileDigit, least: "viewer" },
  { path: "/statistics", label: "Statistics", icon: BarChart3, least: "viewer" },
  { path: "/rankings", label: "Rankings", icon: Trophy, least: "viewer" },
  { path: "/plans", label: "Plans", icon: CalendarRange, least: "viewer" },
  { path: "/routes", label: "Routes", icon: Route, least: "viewer" },
  { path: "/routes/today", label: "Today's route", icon: Truck, least: "technician" },
  { path: "/orders", label: "Orders", icon: ShoppingCart, least: "viewer" },
  { path: "/refunds", label: "Refunds", icon: Undo2, least: "viewer" },
  { path: "/refund-requests", label: "Requests", icon: Inbox, least: "manager" },
  { path: "/members", label: "Members", icon: Users, least: "viewer" },
  { path: "/settings/membership", label: "Loyalty program", icon: BadgeCheck, least: "viewer" },
  { path: "/audit", label: "Audit log", icon: ScrollText, least: "admin" },
  { path: "/webhooks", label: "Webhooks", icon: Webhook, least: "admin" },
  { path: "/jobs", label: "Jobs", icon: Clock, least: "admin" },
  { path: "/settings", label: "Settings", icon: Settings, least: "admin" },
] as const satisfies readonly { path: string; label: string; icon: unknown; least: MemberRole }[];

/** The organization's sections, the current one marked; sections above the member's role are left out. */
export function OrgNav({ slug, role }: { slug: string; role: MemberRole }) {
  const pathname = usePathname();
  const base = `/o/${slug}`;
  const shown = sections.filter((s) => hasRole(role, s.least));
  // The most specific section that holds the page: /settings/membership is the loyalty program, not Settings;
  // /routes/today is "Today's route", not "Routes".
  const current = shown
    .filter((s) => (s.path === "" ? pathname === base : pathname === `${base}${s.path}` || pathname.startsWith(`${base}${s.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <nav aria-label="Organization">
      <ul className="space-y-0.5">
        {shown.map(({ path, label, icon: Icon }) => {
          const active = current?.path === path;
          return (
            <li key={label}>
              <Link
                href={`${base}${path}`}
                aria-current={active ? "page" : undefined}
                className={clsx(
                  "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm font-medium transition-colors",
                  active
                    ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-white dark:ring-zinc-700"
                    : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/70 dark:hover:text-zinc-100",
                )}
              >
                <Icon aria-hidden className={clsx("size-4", active ? "text-brand-600 dark:text-brand-500" : "text-zinc-400")} />
                {label}
                {path === "/refund-requests" && <PendingRequestsBadge />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** How many refund requests wait for a manager; nothing while there are none. */
function PendingRequestsBadge() {
  const org = useOrg();
  const trpc = useTRPC();
  const { data } = useQuery(trpc.refundRequests.pendingCount.queryOptions({ orgId: org.id }, { staleTime: 60_000 }));
  const count = data ?? 0;
  if (count === 0) return null;
  return (
    <span className="tabular ml-auto rounded-full bg-amber-100 px-1.5 py-px text-[11px] font-semibold text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">
      {count}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
