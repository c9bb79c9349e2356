"use client";

import clsx from "clsx";
import { useQuery } from "@tanstack/react-query";
import { Building2, ChevronsUpDown, LogOut, MapPin } from "lucide-react";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useTRPC } from "~/app/_trpc/client";
import { signOutAction } from "~/app/(auth)/actions";
import { Avatar } from "../ui/avatar";
import { menuContentClasses, menuItemClasses, menuSeparatorClasses } from "../ui/menu-styles";
import { LanguageItems } from "./language-items";

/** The signed-in person: name and e-mail, their organizations, their language, and signing out. */
export function UserMenu({
  user,
  compact,
  side = "top",
}: {
  user: { name: string; email: string; locale?: string | null };
  compact?: boolean;
  side?: "top" | "bottom";
}) {
  const t = useTranslations("common.userMenu");
  const [signingOut, startSignOut] = useTransition();
  const [open, setOpen] = useState(false);
  // Whether the person hosts any place, asked once the menu is first opened.
  const trpc = useTRPC();
  const hostPlaces = useQuery({ ...trpc.hostPortal.places.queryOptions(), enabled: open, staleTime: 5 * 60_000 });
  return (
    <DropdownMenu.Root onOpenChange={setOpen}>
      <DropdownMenu.Trigger
        aria-label={t("account", { name: user.name })}
        className={clsx(
          "flex items-center gap-2 rounded-md text-left text-sm hover:bg-zinc-200/60 data-[state=open]:bg-zinc-200/60 dark:hover:bg-zinc-800 dark:data-[state=open]:bg-zinc-800",
          compact ? "p-1" : "w-full px-2 py-1.5",
        )}
      >
        <Avatar name={user.name} />
        {compact && <span className="hidden pr-1 font-medium text-zinc-700 sm:inline dark:text-zinc-300">{user.name}</span>}
        {!compact && (
          <>
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{user.name}</span>
              <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</span>
            </span>
            <ChevronsUpDown aria-hidden className="size-4 text-zinc-500" />
          </>
        )}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content side={side} align={compact ? "end" : "start"} sideOffset={6} className={menuContentClasses}>
          <div className="px-2 py-1.5">
            <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">{user.name}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
          </div>
          <DropdownMenu.Separator className={menuSeparatorClasses} />
          <DropdownMenu.Item asChild className={menuItemClasses}>
            <Link href="/orgs">
              <Building2 aria-hidden />
              {t("organizations")}
            </Link>
          </DropdownMenu.Item>
          {(hostPlaces.data?.length ?? 0) > 0 && (
            <DropdownMenu.Item asChild className={menuItemClasses}>
              <Link href="/h">
                <MapPin aria-hidden />
                {t("hostPlaces")}
              </Link>
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className={menuSeparatorClasses} />
          <LanguageItems chosen={user.locale ?? null} />
          <DropdownMenu.Separator className={menuSeparatorClasses} />
          <DropdownMenu.Item
            className={menuItemClasses}
            disabled={signingOut}
            onSelect={() => startSignOut(() => signOutAction())}
          >
            <LogOut aria-hidden />
            {signingOut ? t("signingOut") : t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
