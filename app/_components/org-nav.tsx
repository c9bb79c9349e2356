"use client";

import clsx from "clsx";
import { BarChart3, CalendarRange, LayoutDashboard, MapPin, Package, Receipt, Refrigerator, Route, ScrollText, Settings, Trophy, Truck, Users } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { MemberRole } from "~/db/schema";
import { hasRole } from "~/server/tenancy/roles";

// Only sections that exist; each new domain adds its entry here when its pages ship.
const sections = [
  { path: "", label: "Overview", icon: LayoutDashboard, least: "viewer" },
  { path: "/machines", label: "Machines", icon: Refrigerator, least: "viewer" },
  { path: "/locations", label: "Locations", icon: MapPin, least: "viewer" },
  { path: "/products", label: "Products", icon: Package, least: "viewer" },
  { path: "/sales", label: "Sales", icon: Receipt, least: "viewer" },
  { path: "/statistics", label: "Statistics", icon: BarChart3, least: "viewer" },
  { path: "/rankings", label: "Rankings", icon: Trophy, least: "viewer" },
  { path: "/plans", label: "Plans", icon: CalendarRange, least: "viewer" },
  { path: "/routes", label: "Routes", icon: Route, least: "viewer" },
  { path: "/routes/today", label: "Today's route", icon: Truck, least: "technician" },
  { path: "/members", label: "Members", icon: Users, least: "viewer" },
  { path: "/audit", label: "Audit log", icon: ScrollText, least: "admin" },
  { path: "/settings", label: "Settings", icon: Settings, least: "admin" },
] as const satisfies readonly { path: string; label: string; icon: unknown; least: MemberRole }[];

/** The organization's sections, the current one marked; sections above the member's role are left out. */
export function OrgNav({ slug, role }: { slug: string; role: MemberRole }) {
  const pathname = usePathname();
  const base = `/o/${slug}`;
  // The most specific section wins: /routes/today is "Today's route", not "Routes".
  const current = sections
    .map((s) => s.path as string)
    .filter((path) => (path === "" ? pathname === base : pathname === `${base}${path}` || pathname.startsWith(`${base}${path}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label="Organization">
      <ul className="space-y-0.5">
        {sections
          .filter((s) => hasRole(role, s.least))
          .map(({ path, label, icon: Icon }) => {
            const href = `${base}${path}`;
            const active = path === current;
            return (
              <li key={label}>
                <Link
                  href={href}
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
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
