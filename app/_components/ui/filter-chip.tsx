"use client";

import clsx from "clsx";
import { Check, ChevronDown, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { DropdownMenu } from "radix-ui";
import { menuContentClasses, menuItemClasses } from "./menu-styles";

/**
 * A filter as a chip: "+ Role" while unset, "Role: Manager ×" once chosen; the × removes it.
 */
export function FilterChip<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T | null;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | null) => void;
}) {
  const t = useTranslations("common.ui.filter");
  const selected = options.find((o) => o.value === value);
  return (
    <span
      className={clsx(
        "inline-flex h-8 items-center rounded-full border text-[13px]",
        selected
          ? "border-brand-500/40 bg-brand-50 text-brand-700 dark:border-brand-500/40 dark:bg-brand-500/10 dark:text-brand-100"
          : "border-dashed border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400",
      )}
    >
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className={clsx("inline-flex h-full items-center gap-1 rounded-full px-3", selected && "pr-1.5")}
          aria-label={selected ? t("chosen", { label, value: selected.label }) : t("add", { label: label.toLowerCase() })}
        >
          {selected ? (
            <>
              <span className="text-brand-700 dark:text-brand-100">{label}:</span>
              <span className="font-medium">{selected.label}</span>
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
          <DropdownMenu.Content
            align="start"
            sideOffset={6}
            className={clsx(menuContentClasses, "max-h-(--radix-dropdown-menu-content-available-height) min-w-44 overflow-y-auto")}
          >
            <DropdownMenu.RadioGroup value={value ?? ""} onValueChange={(v) => onChange((v || null) as T | null)}>
              {options.map((option) => (
                <DropdownMenu.RadioItem key={option.value} value={option.value} className={menuItemClasses}>
                  <span className="flex size-4 items-center justify-center">
                    <DropdownMenu.ItemIndicator>
                      <Check aria-hidden />
                    </DropdownMenu.ItemIndicator>
                  </span>
                  {option.label}
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {selected && (
        <button
          type="button"
          onClick={() => onChange(null)}
          aria-label={t("remove", { label: label.toLowerCase() })}
          className="mr-1 inline-flex size-6 items-center justify-center rounded-full hover:bg-brand-100 dark:hover:bg-brand-500/20"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      )}
    </span>
  );
}
