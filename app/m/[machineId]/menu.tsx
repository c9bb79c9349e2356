"use client";

import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { LoaderCircle, PackageOpen } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { useFormat } from "~/app/_components/i18n/format";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";

type Item = RouterOutputs["checkout"]["menu"]["items"][number];
type OrgCheckoutMethod = RouterOutputs["checkout"]["menu"]["methods"][number];

/**
 * The machine's products as large tap targets; choosing one opens the confirm step at the bottom
 * of the screen, and paying sends the browser to the payment page (or, for demo payments, the
 * order page at once).
 */
export function Menu({
  machineId,
  currency,
  items,
  canOrder,
  demoPayments,
  methods = [],
  channel = "qr",
}: {
  machineId: string;
  currency: string;
  items: Item[];
  canOrder: boolean;
  demoPayments: boolean;
  /** The org's own WeChat Pay / Alipay, when it takes payments itself: one button each. */
  methods?: OrgCheckoutMethod[];
  /** "qr" on a desktop browser, "mobile_web" on a phone. */
  channel?: "qr" | "mobile_web";
}) {
  const t = useTranslations("consumer.machine");
  const f = useFormat();
  const methodLabel = usePaymentMethodLabel();
  const trpc = useTRPC();
  const [chosen, setChosen] = useState<Item | null>(null);
  const [leaving, setLeaving] = useState(false);
  const router = useRouter();
  const create = useMutation(
    trpc.checkout.create.mutationOptions({
      onSuccess: ({ redirectUrl }) => {
        setLeaving(true);
        window.location.assign(redirectUrl);
      },
      // Stock or the machine's state changed since the page loaded: show the menu as it is now.
      onError: () => router.refresh(),
    }),
  );
  const confirmRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (chosen) confirmRef.current?.focus();
  }, [chosen]);

  if (items.length === 0) {
    return (
      <EmptyState icon={<PackageOpen />} title={t("emptyTitle")} className="mt-6 bg-white dark:bg-zinc-900/40">
        {t("emptyBody")}
      </EmptyState>
    );
  }

  const pending = create.isPending || leaving;
  return (
    <>
      <h2 className="mt-6 mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("choose")}</h2>
      <ul className="grid gap-2 sm:grid-cols-2" aria-label={t("products")}>
        {items.map((item) => {
          const soldOut = item.stock <= 0;
          const selectable = canOrder && item.available;
          const selected = chosen?.slot === item.slot;
          return (
            <li key={item.slot} className="min-w-0">
              <button
                type="button"
                disabled={!selectable || pending}
                aria-pressed={selected}
                onClick={() => {
                  create.reset();
                  setChosen(item);
                }}
                className={clsx(
                  "flex min-h-16 w-full items-center gap-3 rounded-lg border bg-white p-3 text-left shadow-xs transition-colors dark:bg-zinc-900",
                  selected
                    ? "border-brand-500 ring-2 ring-brand-500/30"
                    : "border-zinc-200 hover:border-zinc-300 dark:border-zinc-800 dark:hover:border-zinc-700",
                  !selectable && "cursor-not-allowed opacity-60",
                )}
              >
                <span className="flex size-10 shrink-0 items-center justify-center rounded-md bg-zinc-100 font-mono text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                  {item.slot}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="line-clamp-2 font-medium text-zinc-900 dark:text-zinc-100">{item.name}</span>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                    {soldOut ? <span className="font-medium text-red-600 dark:text-red-400">{t("soldOut")}</span> : t("left", { count: f.count(item.stock) })}
                    {item.category && <> · {item.category}</>}
                  </span>
                </span>
                <span className="tabular text-[15px] font-semibold text-zinc-900 dark:text-zinc-100">{f.money(item.priceMinor, currency)}</span>
              </button>
            </li>
          );
        })}
      </ul>

      {chosen && (
        <section
          ref={confirmRef}
          tabIndex={-1}
          aria-label={t("confirm")}
          className="fixed inset-x-0 bottom-0 z-40 border-t border-zinc-200 bg-white/95 px-4 pt-3 pb-[max(1rem,env(safe-area-inset-bottom))] shadow-[0_-4px_16px_rgb(0_0_0/0.06)] backdrop-blur focus:outline-none dark:border-zinc-800 dark:bg-zinc-950/95"
        >
          <div className="mx-auto max-w-2xl space-y-3">
            <div className="flex items-baseline justify-between gap-3">
              <p className="min-w-0">
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t("slot", { slot: chosen.slot })}</span>
                <span className="line-clamp-2 font-semibold text-zinc-900 dark:text-zinc-100">{chosen.name}</span>
              </p>
              <p className="tabular text-lg font-semibold">{f.money(chosen.priceMinor, currency)}</p>
            </div>
            <FormAlert message={errorMessageOf(create.error)} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row">
              <Button size="lg" className="h-12" disabled={pending} onClick={() => setChosen(null)}>
                {t("cancel")}
              </Button>
              {methods.length > 0 ? (
                methods.map((method) => (
                  <Button
                    key={method}
                    variant="primary"
                    size="lg"
                    className="h-12 w-full sm:w-auto sm:flex-1"
                    disabled={pending}
                    onClick={() => create.mutate({ machineId, slot: chosen.slot, method, channel })}
                  >
                    {pending && create.variables?.method === method && <LoaderCircle aria-hidden className="animate-spin" />}
                    {pending && create.variables?.method === method ? t("opening") : t("payWith", { method: methodLabel(method) })}
                  </Button>
                ))
              ) : (
                <Button
                  variant="primary"
                  size="lg"
                  className="h-12 w-full sm:w-auto sm:flex-1"
                  disabled={pending}
                  onClick={() => create.mutate({ machineId, slot: chosen.slot })}
                >
                  {pending && <LoaderCircle aria-hidden className="animate-spin" />}
                  {pending ? t("opening") : demoPayments ? t("payDemo") : t("pay")}
                </Button>
              )}
            </div>
          </div>
        </section>
      )}
    </>
  );
}
