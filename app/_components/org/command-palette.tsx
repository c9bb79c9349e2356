"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { Loader2, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Dialog, VisuallyHidden } from "radix-ui";
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTRPC } from "~/app/_trpc/client";
import { useOrg } from "./org-context";
import { PaletteResults, type PalettePage } from "./command-palette-results";
import { sectionsFor, type PageId } from "./org-sections";

const OpenPalette = createContext<() => void>(() => {});

/**
 * "Find anything" for the organization: Ctrl+K (⌘K on a Mac) or a search button opens it. It holds
 * the palette once for the whole operator area; `SearchButton`s anywhere below open it.
 */
export function CommandPalette({ children }: { children: React.ReactNode }) {
  const t = useTranslations("common.shell.palette");
  const [open, setOpen] = useState(false);
  // Radix gives focus back to a Dialog.Trigger only; the palette opens from a shortcut or any button,
  // so it remembers where focus was and returns it there, unless a result took the person elsewhere.
  const returnFocus = useRef<HTMLElement | null>(null);
  const navigated = useRef(false);
  const isOpen = useRef(false);
  useEffect(() => {
    isOpen.current = open;
  }, [open]);
  const show = useCallback(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    navigated.current = false;
    setOpen(true);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        // Browsers put Ctrl+K on their own search box; here it is ours.
        e.preventDefault();
        if (isOpen.current) setOpen(false);
        else show();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [show]);
  return (
    <OpenPalette value={show}>
      {children}
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 data-[state=open]:animate-fade" />
          <Dialog.Content
            aria-modal
            aria-describedby={undefined}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              if (!navigated.current) returnFocus.current?.focus();
            }}
            className="fixed inset-x-2 top-2 z-50 mx-auto flex max-h-[calc(100dvh-1rem)] max-w-xl flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white text-zinc-900 shadow-2xl data-[state=open]:animate-pop sm:top-[12vh] sm:max-h-[76vh] dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
          >
            <VisuallyHidden.Root>
              <Dialog.Title>{t("title")}</Dialog.Title>
            </VisuallyHidden.Root>
            <PaletteSearch
              onDone={() => {
                navigated.current = true;
                setOpen(false);
              }}
            />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </OpenPalette>
  );
}

/** Pages the sidebar does not list that are still worth jumping to. */
const morePages: { path: string; id: PageId }[] = [
  { path: "/notifications", id: "notifications" },
  { path: "/notifications/preferences", id: "notificationPreferences" },
  { path: "/alerts/settings", id: "alertSettings" },
];

/** Words of the search, each to be found in the page's label or keywords. */
function pageMatches(page: PalettePage, words: string[]): boolean {
  const haystack = `${page.label} ${page.keywords ?? ""}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** `value` once it has stopped changing for `ms`: one request per pause in typing, not per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function PaletteSearch({ onDone }: { onDone: () => void }) {
  const t = useTranslations("common.shell");
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const [text, setText] = useState("");
  const q = useSettled(text.trim(), 150);
  const searching = q.length > 0;
  const { data, isFetching, isError } = useQuery(
    trpc.search.query.queryOptions({ orgId: org.id, q }, { enabled: searching, placeholderData: keepPreviousData, staleTime: 30_000 }),
  );
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const pages = [...sectionsFor(org.role).flatMap((g) => g.sections), ...morePages]
    .map(({ path, id, ...rest }): PalettePage => ({ ...rest, path, label: t(`nav.sections.${id}`), keywords: t(`nav.keywords.${id}`) }))
    .filter((p) => pageMatches(p, words))
    .slice(0, words.length > 0 ? 6 : undefined);
  const results = searching && text.trim().length > 0 ? data : undefined;
  const go = (path: string) => {
    onDone();
    router.push(`/o/${org.slug}${path}`);
  };
  const found = pages.length + (results ? Object.values(results).reduce((n, rows) => n + rows.length, 0) : 0);
  const pending = text.trim() !== q || (searching && isFetching);

  return (
    <Command label={t("palette.title")} shouldFilter={false} loop vimBindings={false} className="flex min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-800">
        <Search aria-hidden className="size-4 shrink-0 text-zinc-500" />
        <Command.Input
          value={text}
          onValueChange={setText}
          maxLength={100}
          placeholder={t("palette.placeholder")}
          className="h-12 min-w-0 flex-1 bg-transparent text-[15px] text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100 dark:placeholder:text-zinc-500"
        />
        {pending && <Loader2 aria-hidden className="size-4 shrink-0 animate-spin text-zinc-500" />}
        <kbd className="hidden rounded border border-zinc-200 px-1.5 py-0.5 font-sans text-[11px] text-zinc-500 sm:inline dark:border-zinc-700 dark:text-zinc-400">
          {t("palette.esc")}
        </kbd>
      </div>
      <Command.List label={t("palette.results")} className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-2">
        <Command.Empty className="px-3 py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
          {isError
            ? t("palette.failed")
            : pending
              ? t("palette.searching")
              : t("palette.noMatch", { query: text.trim() })}
        </Command.Empty>
        <PaletteResults pages={pages} results={results} onSelect={go} />
      </Command.List>
      <div role="status" className="sr-only">
        {text.trim() && !pending ? t("palette.found", { count: found }) : ""}
      </div>
      <div className="hidden items-center gap-4 border-t border-zinc-200 px-3 py-2 text-[11px] text-zinc-500 sm:flex dark:border-zinc-800 dark:text-zinc-400">
        <span>{t("palette.move")}</span>
        <span>{t("palette.open")}</span>
        <span>{t("palette.close")}</span>
      </div>
    </Command>
  );
}

/** The keys that open the palette, as aria-keyshortcuts names them. */
const OPEN_SHORTCUTS = "Control+K Meta+K";
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);
const noChanges = () => () => {};

/** Opens the palette: a wide "Search" field in the sidebar, an icon button in the phone's top bar. */
export function SearchButton({ variant, className }: { variant: "field" | "icon"; className?: string }) {
  const t = useTranslations("common.shell.palette");
  const open = useContext(OpenPalette);
  const mac = useSyncExternalStore(noChanges, isMac, () => false);
  if (variant === "icon") {
    return (
      <button
        type="button"
        onClick={open}
        aria-label={t("search")}
        aria-haspopup="dialog"
        className={`inline-flex size-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${className ?? ""}`}
      >
        <Search aria-hidden className="size-5" />
      </button>
    );
  }
  return (
    <button
      type="button"
      onClick={open}
      aria-haspopup="dialog"
      aria-keyshortcuts={OPEN_SHORTCUTS}
      className={`flex w-full items-center gap-2 rounded-md border border-zinc-200 bg-white px-2 py-1.5 text-sm text-zinc-500 shadow-xs hover:border-zinc-300 hover:text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400 dark:hover:border-zinc-700 dark:hover:text-zinc-200 ${className ?? ""}`}
    >
      <Search aria-hidden className="size-4" />
      {t("search")}
      <kbd aria-hidden className="ml-auto rounded border border-zinc-200 px-1 font-sans text-[11px] dark:border-zinc-700">
        {mac ? t("shortcutMac") : t("shortcut")}
      </kbd>
    </button>
  );
}
