"use client";

import { Menu, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { Dialog, VisuallyHidden } from "radix-ui";
import { useState } from "react";

/** On narrow screens the sidebar opens as a drawer from the menu button; it closes on navigation. */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const t = useTranslations("common.shell.mobileNav");
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(pathname);
  if (pathname !== shownFor) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        aria-label={t("open")}
        className="-ml-1 inline-flex size-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <Menu aria-hidden className="size-5" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px] data-[state=open]:animate-fade" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] border-r border-zinc-200 bg-zinc-50 shadow-xl data-[state=open]:animate-slide-in dark:border-zinc-800 dark:bg-zinc-900">
          <VisuallyHidden.Root>
            <Dialog.Title>{t("title")}</Dialog.Title>
            <Dialog.Description>{t("description")}</Dialog.Description>
          </VisuallyHidden.Root>
          <Dialog.Close
            aria-label={t("close")}
            className="absolute top-3 right-3 inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-200/70 dark:hover:bg-zinc-800"
          >
            <X aria-hidden className="size-4" />
          </Dialog.Close>
          <div className="h-full pt-10">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
