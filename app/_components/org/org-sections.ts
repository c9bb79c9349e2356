import { BadgeCheck, Banknote, CreditCard, BookOpenCheck, BarChart3, BellRing, CalendarRange, Clock, FileDigit, Handshake, Inbox, KeyRound, LayoutDashboard, MapPin, Package, Receipt, Refrigerator, Route, ScrollText, Settings, ShoppingCart, Trophy, Truck, Undo2, Users, Wallet, Webhook, type LucideIcon } from "lucide-react";
import type { Messages } from "~/server/i18n/messages";
import type { MemberRole } from "~/server/tenancy/contract";
import { hasRole } from "~/server/tenancy/contract";

/** A page's name in `common.shell.nav.sections` and the words the palette finds it by in `common.shell.nav.keywords`. */
export type PageId = keyof Messages["common"]["shell"]["nav"]["sections"];

export interface OrgSection {
  /** Below /o/[org]; "" is the overview. */
  path: string;
  id: PageId;
  icon: LucideIcon;
  least: MemberRole;
  /** Shown indented under the section before it (Settings holds Jobs, Webhooks and the audit log). */
  nested?: boolean;
}

export interface OrgSectionGroup {
  /** The group's heading in `common.shell.nav.groups`. */
  id: keyof Messages["common"]["shell"]["nav"]["groups"];
  sections: OrgSection[];
}

// Only sections that exist; each new domain adds its entry here when its pages ship.
export const orgSectionGroups: OrgSectionGroup[] = [
  {
    id: "operate",
    sections: [
      { path: "", id: "overview", icon: LayoutDashboard, least: "viewer" },
      { path: "/machines", id: "machines", icon: Refrigerator, least: "viewer" },
      { path: "/locations", id: "locations", icon: MapPin, least: "viewer" },
      { path: "/alerts", id: "alerts", icon: BellRing, least: "viewer" },
      { path: "/routes", id: "routes", icon: Route, least: "viewer" },
      { path: "/routes/today", id: "routesToday", icon: Truck, least: "technician" },
      { path: "/plans", id: "plans", icon: CalendarRange, least: "viewer" },
      { path: "/audits", id: "audits", icon: FileDigit, least: "viewer" },
    ],
  },
  {
    id: "money",
    sections: [
      { path: "/sales", id: "sales", icon: Receipt, least: "viewer" },
      { path: "/cash", id: "cash", icon: Banknote, least: "viewer" },
      { path: "/orders", id: "orders", icon: ShoppingCart, least: "viewer" },
      { path: "/refunds", id: "refunds", icon: Undo2, least: "viewer" },
      { path: "/refund-requests", id: "refundRequests", icon: Inbox, least: "manager" },
      { path: "/hosts", id: "hosts", icon: Handshake, least: "viewer" },
      { path: "/accounting", id: "accounting", icon: BookOpenCheck, least: "manager" },
    ],
  },
  {
    id: "insights",
    sections: [
      { path: "/statistics", id: "statistics", icon: BarChart3, least: "viewer" },
      { path: "/rankings", id: "rankings", icon: Trophy, least: "viewer" },
    ],
  },
  {
    id: "admin",
    sections: [
      { path: "/products", id: "products", icon: Package, least: "viewer" },
      { path: "/members", id: "members", icon: Users, least: "viewer" },
      { path: "/settings/membership", id: "membership", icon: BadgeCheck, least: "viewer" },
      { path: "/settings/card-fees", id: "cardFees", icon: CreditCard, least: "viewer" },
      { path: "/settings", id: "settings", icon: Settings, least: "admin" },
      { path: "/jobs", id: "jobs", icon: Clock, least: "admin", nested: true },
      { path: "/webhooks", id: "webhooks", icon: Webhook, least: "admin", nested: true },
      { path: "/settings/api-keys", id: "apiKeys", icon: KeyRound, least: "admin", nested: true },
      { path: "/settings/payments", id: "paymentProviders", icon: Wallet, least: "admin", nested: true },
      { path: "/audit", id: "auditLog", icon: ScrollText, least: "admin", nested: true },
    ],
  },
];

/** The groups with only the sections the member's role may open; empty groups left out. */
export function sectionsFor(role: MemberRole): OrgSectionGroup[] {
  return orgSectionGroups
    .map((g) => ({ ...g, sections: g.sections.filter((s) => hasRole(role, s.least)) }))
    .filter((g) => g.sections.length > 0);
}
