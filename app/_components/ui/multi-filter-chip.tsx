"use client";

import clsx from "clsx";
import { Check, ChevronDown, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { menuContentClasses, menuItemClasses } from "./menu-styles";

/**
 * A filter chip that takes several values: "+ Status" while unset, "Status: Offline, Fault ×" once
 * chosen; the menu stays open while ticking values, and the × removes the filter.
 */
export function MultiFilterChip<T extends string>({
  label,
  values,
  options,
  onChange,
}: {
  label: string;
  values: readonly T[];
  options: readonly { value: T; label: string }[];
  onChange: (values: T[]) => void;
}) {
  const t = useTranslations("common.ui.filter");
  const selected = options.filter((o) => values.includes(o.value));
  const summary = selected.map((o) => o.label).join(", ");
  const toggle = (value: T, on: boolean) =>
    onChange(options.map((o) => o.value).filter((v) => (v === value ? on : values.includes(v))));
  return (
    <span
      className={clsx(
        "inline-flex h-8 items-center rounded-full border text-[13px]",
        selected.length > 0
          ? "border-brand-500/40 bg-brand-50 text-brand-700 dark:border-brand-500/40 dark:bg-brand-500/10 dark:text-brand-100"
          : "border-dashed border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400",
      )}
    >
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className={clsx("inline-flex h-full items-center gap-1 rounded-full px-3", selected.length > 0 && "pr-1.5")}
          aria-label={selected.length > 0 ? t("chosen", { label, value: summary }) : t("add", { label: label.toLowerCase() })}
        >
          {selected.length > 0 ? (
            <>
              <span className="text-brand-700 dark:text-brand-100">{label}:</span>
              <span className="max-w-48 truncate font-medium">{summary}</span>
              <ChevronDown aria-hidden className="size-3.5" />
            </>
          ) : (
            <>
              <Plus aria-hidden className="size-3.5" />
              {label}
            </>
          )}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="start" sideOffset={6} className={clsx(menuContentClasses, "min-w-44")}>
            {options.map((option) => (
              <DropdownMenu.CheckboxItem
                key={option.value}
                checked={values.includes(option.value)}
                onCheckedChange={(on) => toggle(option.value, on)}
                onSelect={(e) => e.preventDefault()}
                className={menuItemClasses}
              >
                <span className="flex size-4 items-center justify-center">
                  <DropdownMenu.ItemIndicator>
                    <Check aria-hidden />
                  </DropdownMenu.ItemIndicator>
                </span>
                {option.label}
              </DropdownMenu.CheckboxItem>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {selected.length > 0 && (
        <button
          type="button"
          onClick={() => onChange([])}
          aria-label={t("remove", { label: label.toLowerCase() })}
          className="mr-1 inline-flex size-6 items-center justify-center rounded-full hover:bg-brand-100 dark:hover:bg-brand-500/20"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      )}
    </span>
  );
}
