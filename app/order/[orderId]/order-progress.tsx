"use client";

import clsx from "clsx";
import { Check, LoaderCircle, X } from "lucide-react";
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

function Countdown({ until }: { until: Date | null }) {
  const left = useSecondsLeft(until);
  if (left === null) return null;
  if (left === 0) return <>This is taking longer than usual. If nothing drops, your payment is refunded automatically.</>;
  return (
    <>
      The machine has <span className="tabular font-medium">{`${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`}</span> to dispense it.
    </>
  );
}

function stepsOf(order: Order): Step[] {
  const refund = order.refund;
  switch (order.status) {
    case "awaiting_payment":
      return [
        { label: "Payment", state: "current", detail: "Waiting for your payment." },
        { label: "Dispensing", state: "upcoming" },
        { label: "Dispensed", state: "upcoming" },
      ];
    case "paid":
      return [
        { label: "Paid", state: "done" },
        { label: "Dispensing", state: "current", detail: <Countdown until={order.commandExpiresAt} /> },
        { label: "Dispensed", state: "upcoming" },
      ];
    case "dispensed":
      return [
        { label: "Paid", state: "done" },
        { label: "Dispensing", state: "done" },
        { label: "Dispensed", state: "done", detail: `Take your ${order.productName} from the machine.` },
      ];
    case "canceled":
      return [{ label: "Payment canceled", state: "failed", detail: "Nothing was charged." }];
    case "failed":
    case "expired":
      return [
        { label: "Paid", state: "done" },
        { label: "Not dispensed", state: "failed", detail: order.status === "expired" ? "The machine did not dispense in time." : "The machine could not dispense it." },
        refund?.status === "succeeded"
          ? { label: "Refunded", state: "done" }
          : { label: "Refund pending", state: refund?.status === "failed" ? "failed" : "current" },
      ];
  }
}

const markers: Record<StepState, string> = {
  done: "bg-emerald-600 text-white dark:bg-emerald-500",
  current: "bg-brand-600 text-white dark:bg-brand-500",
  failed: "bg-red-600 text-white dark:bg-red-500",
  upcoming: "border-2 border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900",
};

const stateWords: Record<StepState, string> = { done: "done", current: "in progress", failed: "did not happen", upcoming: "next" };

/** Where the order is: paid, dispensing (with the machine's time left), dispensed, or refunded. */
export function OrderProgress({ order }: { order: Order }) {
  const steps = stepsOf(order);
  return (
    <ol aria-label="Progress" className="space-y-0">
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
              <span className="sr-only"> ({stateWords[step.state]})</span>
            </p>
            {step.detail && <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">{step.detail}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
