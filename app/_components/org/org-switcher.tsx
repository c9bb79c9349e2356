"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import type { MemberRole } from "~/server/tenancy/contract";
import { Avatar } from "../ui/avatar";
import { menuContentClasses, menuItemClasses, menuLabelClasses, menuSeparatorClasses } from "../ui/menu-styles";

export interface OrgSummary {
  id: string;
  name: string;
  slug: string;
  role: MemberRole;
}

/** Shows the current organization and switches to another one or to creating one. */
export function OrgSwitcher({ current, orgs }: { current: OrgSummary; orgs: OrgSummary[] }) {
  const t = useTranslations("common.shell.switcher");
  const role = useTranslations("common.roles");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={t("trigger", { name: current.name })}
        className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-zinc-200/60 data-[state=open]:bg-zinc-200/60 dark:hover:bg-zinc-800 dark:data-[state=open]:bg-zinc-800"
      >
        <Avatar name={current.name} shape="square" />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">{current.name}</span>
          <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{role(current.role)}</span>
        </span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-zinc-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className={`${menuContentClasses} w-64`}>
          <DropdownMenu.Label className={menuLabelClasses}>{t("organizations")}</DropdownMenu.Label>
          {orgs.map((org) => (
            <DropdownMenu.Item key={org.id} asChild className={menuItemClasses}>
              <Link href={`/o/${org.slug}`} aria-current={org.id === current.id ? "page" : undefined}>
                <Avatar name={org.name} shape="square" className="size-5 text-[9px]" />
                <span className="min-w-0 flex-1 truncate">{org.name}</span>
                {org.id === current.id && <Check aria-label={t("current")} className="text-brand-600! dark:text-brand-500!" />}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className={menuSeparatorClasses} />
          <DropdownMenu.Item asChild className={menuItemClasses}>
            <Link href="/orgs/new">
              <Plus aria-hidden />
              {t("create")}
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
