import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MemberRole } from "~/server/tenancy/contract";
import { Logo } from "../ui/logo";
import { SearchButton } from "./command-palette";
import { NotificationBell } from "./notification-bell";
import { OrgNav } from "./org-nav";
import { OrgSwitcher, type OrgSummary } from "./org-switcher";
import { UserMenu } from "./user-menu";

export interface OrgShellProps {
  org: OrgSummary;
  orgs: OrgSummary[];
  role: MemberRole;
  user: { name: string; email: string; locale?: string | null };
}

/** The operator's sidebar: organization switcher, sections, and the account menu at the bottom. */
export function OrgSidebar({ org, orgs, role, user }: OrgShellProps) {
  const t = useTranslations("common.shell");
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <div className="hidden items-center justify-between lg:flex">
        <Link href="/orgs" className="inline-flex rounded-md px-2 pt-1 text-zinc-900 dark:text-zinc-100" aria-label={t("homeLink")}>
          <Logo className="text-[15px]" />
        </Link>
        <NotificationBell />
      </div>
      <OrgSwitcher current={org} orgs={orgs} />
      {/* In the phone's drawer the top bar has the search button already. */}
      <SearchButton variant="field" className="hidden lg:flex" />
      <div className="-mx-1 min-h-0 flex-1 overflow-y-auto px-1">
        <OrgNav slug={org.slug} role={role} />
      </div>
      <div className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <UserMenu user={user} />
      </div>
    </div>
  );
}
