import Link from "next/link";
import { useTranslations } from "next-intl";
import { Logo } from "../ui/logo";
import { UserMenu } from "./user-menu";

/** The bar above pages outside an organization: the mark and the account menu. */
export function TopBar({ user }: { user: { name: string; email: string; locale?: string | null } }) {
  const t = useTranslations("common.shell");
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4 sm:px-6">
        <Link href="/orgs" aria-label={t("homeLink")} className="rounded-md">
          <Logo />
        </Link>
        <div className="w-auto">
          <UserMenu user={user} compact side="bottom" />
        </div>
      </div>
    </header>
  );
}
