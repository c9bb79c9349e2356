import { BadgeCheck, Banknote, CreditCard, BookOpenCheck, BarChart3, BellRing, CalendarRange, Clock, FileDigit, Handshake, Inbox, KeyRound, LayoutDashboard, MapPin, Package, Receipt, Refrigerator, Route, ScrollText, Settings, ShoppingCart, Trophy, Truck, Undo2, Users, Webhook, type LucideIcon } from "lucide-react";
import type { MemberRole } from "~/server/tenancy/contract";
import { hasRole } from "~/server/tenancy/contract";

export interface OrgSection {
  /** Below /o/[org]; "" is the overview. */
  path: string;
  label: string;
  icon: LucideIcon;
  least: MemberRole;
  /** Shown indented under the section before it (Settings holds Jobs, Webhooks and the audit log). */
  nested?: boolean;
  /** More words the command palette finds the page by. */
  keywords?: string;
}

export interface OrgSectionGroup {
  label: string;
  sections: OrgSection[];
}

// Only sections that exist; each new domain adds its entry here when its pages ship.
export const orgSectionGroups: OrgSectionGroup[] = [
  {
    label: "Operate",
    sections: [
      { path: "", label: "Overview", icon: LayoutDashboard, least: "viewer", keywords: "home dashboard" },
      { path: "/machines", label: "Machines", icon: Refrigerator, least: "viewer", keywords: "fleet" },
      { path: "/locations", label: "Locations", icon: MapPin, least: "viewer", keywords: "sites places" },
      { path: "/alerts", label: "Alerts", icon: BellRing, least: "viewer", keywords: "faults incidents" },
      { path: "/routes", label: "Routes", icon: Route, least: "viewer", keywords: "drivers pick list" },
      { path: "/routes/today", label: "Today's route", icon: Truck, least: "technician", keywords: "visit restock" },
      { path: "/plans", label: "Plans", icon: CalendarRange, least: "viewer", keywords: "replenishment forecast" },
      { path: "/audits", label: "Audits", icon: FileDigit, least: "viewer", keywords: "dex eva-dts" },
    ],
  },
  {
    label: "Money",
    sections: [
      { path: "/sales", label: "Sales", icon: Receipt, least: "viewer", keywords: "vends revenue" },
      { path: "/cash", label: "Cash", icon: Banknote, least: "viewer", keywords: "collections variance" },
      { path: "/orders", label: "Orders", icon: ShoppingCart, least: "viewer", keywords: "online checkout" },
      { path: "/refunds", label: "Refunds", icon: Undo2, least: "viewer" },
      { path: "/refund-requests", label: "Refund requests", icon: Inbox, least: "manager", keywords: "consumers" },
      { path: "/hosts", label: "Hosts", icon: Handshake, least: "viewer", keywords: "host statements commission places contracts" },
      { path: "/accounting", label: "Accounting export", icon: BookOpenCheck, least: "manager", keywords: "journal xero quickbooks csv bookkeeping" },
    ],
  },
  {
    label: "Insights",
    sections: [
      { path: "/statistics", label: "Statistics", icon: BarChart3, least: "viewer", keywords: "reports months" },
      { path: "/rankings", label: "Rankings", icon: Trophy, least: "viewer", keywords: "best worst products machines" },
    ],
  },
  {
    label: "Admin",
    sections: [
      { path: "/products", label: "Products", icon: Package, least: "viewer", keywords: "catalog sku" },
      { path: "/members", label: "Members", icon: Users, least: "viewer", keywords: "team invite roles" },
      { path: "/settings/membership", label: "Loyalty program", icon: BadgeCheck, least: "viewer", keywords: "points membership" },
      { path: "/settings/card-fees", label: "Card fees", icon: CreditCard, least: "viewer", keywords: "payment provider fees profit" },
      { path: "/settings", label: "Settings", icon: Settings, least: "admin", keywords: "organization time zone currency" },
      { path: "/jobs", label: "Jobs", icon: Clock, least: "admin", nested: true, keywords: "scheduler cron" },
      { path: "/webhooks", label: "Webhooks", icon: Webhook, least: "admin", nested: true, keywords: "endpoints integrations" },
      { path: "/settings/api-keys", label: "API keys", icon: KeyRound, least: "admin", nested: true, keywords: "rest integrations tokens" },
      { path: "/audit", label: "Audit log", icon: ScrollText, least: "admin", nested: true, keywords: "history who changed" },
    ],
  },
];

/** The groups with only the sections the member's role may open; empty groups left out. */
export function sectionsFor(role: MemberRole): OrgSectionGroup[] {
  return orgSectionGroups
    .map((g) => ({ ...g, sections: g.sections.filter((s) => hasRole(role, s.least)) }))
    .filter((g) => g.sections.length > 0);
}
