"use client";

import clsx from "clsx";
import { LogOut } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTransition } from "react";
import { signOutAction } from "~/app/(auth)/actions";
import { Button } from "~/app/_components/ui/button";

const links = [
  { href: "/me", label: "Purchases", match: (p: string) => p === "/me" || p.startsWith("/me/purchases") },
  { href: "/me/memberships", label: "Memberships", match: (p: string) => p.startsWith("/me/memberships") },
  { href: "/me/requests", label: "Requests", match: (p: string) => p.startsWith("/me/requests") },
];

/** Tabs of the consumer area, with the current one marked. */
export function ConsumerNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="My account" className="mx-auto max-w-5xl px-2 sm:px-4">
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
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function SignOutButton() {
  const [pending, start] = useTransition();
  return (
    <Button variant="ghost" className="h-10" disabled={pending} onClick={() => start(() => signOutAction("/"))}>
      <LogOut aria-hidden />
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
