"use client";

import clsx from "clsx";
import { Check, LoaderCircle, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { RouterOutputs } from "~/app/_trpc/types";

type Order = RouterOutputs["checkout"]["order"];
type StepState = "done" | "current" | "failed" | "upcoming";

interface Step {
  label: string;
  state: StepState;
  detail?: React.ReactNode;
}

/** Seconds left until `until`, ticking every second while it runs. */
function useSecondsLeft(until: Date | null): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!until) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until]);
  if (!until || now === null) return null;
  return Math.max(0, Math.round((until.getTime() - now) / 1000));
}

type ProgressWords = ReturnType<typeof useTranslations<"consumer.order.progress">>;

function Countdown({ until }: { until: Date | null }) {
  const t = useTranslations("consumer.order.progress");
  const left = useSecondsLeft(until);
  if (left === null) return null;
  if (left === 0) return <>{t("slow")}</>;
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  return <>{t.rich("countdown", { time, n: (chunks) => <span className="tabular font-medium">{chunks}</span> })}</>;
}

function stepsOf(order: Order, t: ProgressWords): Step[] {
  const refund = order.refund;
  switch (order.status) {
    case "awaiting_payment":
      return [
        { label: t("payment"), state: "current", detail: t("waiting") },
        { label: t("dispensing"), state: "upcoming" },
        { label: t("dispensed"), state: "upcoming" },
      ];
    case "paid":
      return [
        { label: t("paid"), state: "done" },
        { label: t("dispensing"), state: "current", detail: <Countdown until={order.commandExpiresAt} /> },
        { label: t("dispensed"), state: "upcoming" },
      ];
    case "dispensed":
      return [
        { label: t("paid"), state: "done" },
        { label: t("dispensing"), state: "done" },
        { label: t("dispensed"), state: "done", detail: t("take", { product: order.productName }) },
      ];
    case "canceled":
      return [{ label: t("paymentCanceled"), state: "failed", detail: t("nothingCharged") }];
    case "failed":
    case "expired":
      return [
        { label: t("paid"), state: "done" },
        { label: t("notDispensed"), state: "failed", detail: order.status === "expired" ? t("expired") : t("failed") },
        refund?.status === "succeeded"
          ? { label: t("refunded"), state: "done" }
          : { label: t("refundPending"), state: refund?.status === "failed" ? "failed" : "current" },
      ];
  }
}

const markers: Record<StepState, string> = {
  done: "bg-emerald-600 text-white dark:bg-emerald-500",
  current: "bg-brand-600 text-white dark:bg-brand-500",
  failed: "bg-red-600 text-white dark:bg-red-500",
  upcoming: "border-2 border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900",
};

/** Where the order is: paid, dispensing (with the machine's time left), dispensed, or refunded. */
export function OrderProgress({ order }: { order: Order }) {
  const t = useTranslations("consumer.order.progress");
  const steps = stepsOf(order, t);
  return (
    <ol aria-label={t("label")} className="space-y-0">
      {steps.map((step, i) => (
        <li key={step.label} className="relative flex gap-3 pb-5 last:pb-0">
          {i < steps.length - 1 && (
            <span aria-hidden className={clsx("absolute top-7 bottom-1 left-3 w-0.5 -translate-x-1/2", step.state === "done" ? "bg-emerald-600/60" : "bg-zinc-200 dark:bg-zinc-800")} />
          )}
          <span aria-hidden className={clsx("flex size-6 shrink-0 items-center justify-center rounded-full", markers[step.state])}>
            {step.state === "done" && <Check className="size-3.5" strokeWidth={3} />}
            {step.state === "failed" && <X className="size-3.5" strokeWidth={3} />}
            {step.state === "current" && <LoaderCircle className="size-3.5 animate-spin" strokeWidth={3} />}
          </span>
          <div className="min-w-0 pt-0.5">
            <p className={clsx("text-sm font-medium", step.state === "upcoming" ? "text-zinc-500 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100")}>
              {step.label}
              <span className="sr-only"> ({t(`state.${step.state}`)})</span>
            </p>
            {step.detail && <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">{step.detail}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
