"use client";

import clsx from "clsx";
import { LogOut } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useTransition } from "react";
import { signOutAction } from "~/app/(auth)/actions";
import { Button } from "~/app/_components/ui/button";

const links = [
  { href: "/me", key: "purchases", match: (p: string) => p === "/me" || p.startsWith("/me/purchases") },
  { href: "/me/memberships", key: "memberships", match: (p: string) => p.startsWith("/me/memberships") },
  { href: "/me/requests", key: "requests", match: (p: string) => p.startsWith("/me/requests") },
] as const;

/** Tabs of the consumer area, with the current one marked. */
export function ConsumerNav() {
  const t = useTranslations("consumer.me.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="mx-auto max-w-5xl px-2 sm:px-4">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {links.map((link) => {
          const current = link.match(pathname);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "inline-flex h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap",
                  current
                    ? "border-brand-600 text-zinc-900 dark:border-brand-500 dark:text-white"
                    : "border-transparent text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
                )}
              >
                {t(link.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function SignOutButton() {
  const t = useTranslations("consumer.me");
  const [pending, start] = useTransition();
  return (
    <Button variant="ghost" className="h-10" disabled={pending} onClick={() => start(() => signOutAction("/"))}>
      <LogOut aria-hidden />
      {pending ? t("signingOut") : t("signOut")}
    </Button>
  );
}
