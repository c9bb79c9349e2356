"use client";

import clsx from "clsx";
import { Check, ChevronsUpDown, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useCallback, useId, useMemo, useRef, useState } from "react";
import { controlClasses, type ControlProps } from "./field";

export interface SelectOption {
  value: string;
  label: string;
  /** Extra words that find this option, e.g. a currency's name. */
  keywords?: string;
  hint?: string;
}

/**
 * A select for long lists (time zones, currencies): a button that opens a searchable list.
 * Keyboard: type to filter, arrows to move, Enter to choose, Escape to close.
 */
export function SearchableSelect({
  control,
  value,
  onChange,
  options,
  searchLabel,
  disabled,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  options: () => SelectOption[];
  searchLabel: string;
  disabled?: boolean;
}) {
  const t = useTranslations("common.ui.select");
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  // Built when first opened: the lists are long and only needed then.
  const all = useMemo(() => (open ? options() : []), [open, options]);
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/[\s/_]+/).filter(Boolean);
    if (words.length === 0) return all;
    return all.filter((o) => {
      const hay = `${o.value} ${o.label} ${o.keywords ?? ""}`.toLowerCase().replace(/_/g, " ");
      return words.every((w) => hay.includes(w));
    });
  }, [all, query]);
  const selectedLabel = value;

  function openChange(next: boolean) {
    setOpen(next);
    setQuery("");
    setActive(next ? Math.max(0, options().findIndex((o) => o.value === value)) : 0);
  }

  // When the list opens, bring the chosen option into view.
  const attachList = useCallback((el: HTMLUListElement | null) => {
    listRef.current = el;
    el?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "center" });
  }, []);

  function choose(option: SelectOption | undefined) {
    if (!option) return;
    onChange(option.value);
    openChange(false);
  }

  function move(to: number) {
    const index = Math.max(0, Math.min(matches.length - 1, to));
    setActive(index);
    listRef.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: "nearest" });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + 8),
      PageUp: () => move(active - 8),
      Enter: () => choose(matches[active]),
    };
    const handler = keys[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  }

  return (
    <Popover.Root open={open} onOpenChange={openChange}>
      <Popover.Trigger
        {...control}
        disabled={disabled}
        role="combobox"
        aria-haspopup="listbox"
        aria-expanded={open}
        className={clsx(controlClasses, "flex items-center justify-between gap-2 text-left")}
      >
        <span className="truncate">{selectedLabel}</span>
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-zinc-500" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          className="z-50 w-(--radix-popover-trigger-width) min-w-64 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-lg data-[state=open]:animate-pop dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="relative border-b border-zinc-200 dark:border-zinc-800">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-500" />
            <input
              autoFocus
              role="combobox"
              aria-label={searchLabel}
              aria-expanded
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              placeholder={t("placeholder")}
              className="h-10 w-full bg-transparent pr-3 pl-9 text-sm outline-none placeholder:text-zinc-400 focus-visible:outline-none"
            />
          </div>
          <ul ref={attachList} id={listId} role="listbox" aria-label={searchLabel} className="max-h-64 overflow-y-auto p-1 text-sm">
            {matches.map((option, index) => (
              <li
                key={option.value}
                id={`${listId}-${index}`}
                data-index={index}
                role="option"
                aria-selected={option.value === value}
                onMouseMove={() => active !== index && setActive(index)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
                className={clsx(
                  "flex cursor-default items-center gap-2 rounded-md px-2 py-1.5",
                  index === active ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white" : "text-zinc-700 dark:text-zinc-300",
                )}
              >
                <Check aria-hidden className={clsx("size-4 shrink-0 text-brand-600 dark:text-brand-500", option.value !== value && "invisible")} />
                <span className="min-w-0 flex-1 truncate">{option.label}</span>
                {option.hint && <span className="shrink-0 text-xs text-zinc-500 tabular dark:text-zinc-400">{option.hint}</span>}
              </li>
            ))}
            {matches.length === 0 && <li className="px-2 py-6 text-center text-[13px] text-zinc-500">{t("noMatch", { query })}</li>}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
