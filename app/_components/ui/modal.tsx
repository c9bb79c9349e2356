"use client";

import clsx from "clsx";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Dialog } from "radix-ui";

/**
 * A dialog for a form or a result (register a machine, edit a product): title, optional line about
 * it, a close button, and the content. Focus moves in and returns to the trigger; Escape closes.
 */
export function Modal({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  wide,
  keepOpenOnOutsideClick,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger?: React.ReactNode;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  wide?: boolean;
  /** For content that would be lost on a stray click, like a secret shown once. */
  keepOpenOnOutsideClick?: boolean;
}) {
  const t = useTranslations("common.ui");
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40 data-[state=open]:animate-fade" />
        <Dialog.Content
          {...(description ? {} : { "aria-describedby": undefined })}
          onInteractOutside={keepOpenOnOutsideClick ? (e) => e.preventDefault() : undefined}
          className={clsx(
            "fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-5 shadow-xl data-[state=open]:animate-pop dark:border-zinc-800 dark:bg-zinc-900",
            wide ? "max-w-2xl" : "max-w-lg",
          )}
        >
          <div className="mb-4 pr-8">
            <Dialog.Title className="text-base font-semibold text-zinc-900 dark:text-zinc-50">{title}</Dialog.Title>
            {description && <Dialog.Description className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</Dialog.Description>}
          </div>
          <Dialog.Close
            aria-label={t("close")}
            className="absolute top-3.5 right-3.5 inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            <X aria-hidden className="size-4" />
          </Dialog.Close>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
