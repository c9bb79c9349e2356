"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { Activity, Banknote, CircleCheck, CircleX, Coins, PackagePlus, TriangleAlert } from "lucide-react";
import { useOrg } from "~/app/_components/org/org-context";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { describeEvent, useEventWords, type EventTone, type MachineEventRow } from "./describe-event";

const icons: Record<string, typeof Activity> = {
  "vend.succeeded": Coins,
  "vend.failed": CircleX,
  "machine.fault": TriangleAlert,
  "machine.fault_cleared": CircleCheck,
  "inventory.restocked": PackagePlus,
  "cash.collected": Banknote,
  "machine.heartbeat": Activity,
};

const tones: Record<EventTone, string> = {
  sale: "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300",
  failure: "bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300",
  fault: "bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300",
  ok: "bg-sky-50 text-sky-700 dark:bg-sky-500/10 dark:text-sky-300",
  quiet: "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
};

/** One event of the machine's timeline, in words, with when it happened on the machine's clock. */
export function EventItem({ event, productOf }: { event: MachineEventRow; productOf: (slot: string) => string | undefined }) {
  const org = useOrg();
  const t = useTranslations("machines.events");
  const words = useEventWords();
  const { summary, detail, tone } = describeEvent(event, productOf, words);
  const Icon = icons[event.type] ?? Activity;
  return (
    <li className="flex items-start gap-3 px-4 py-2.5 text-[13px]">
      <span className={clsx("mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full", tones[tone])}>
        <Icon aria-hidden className="size-3.5" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-zinc-900 dark:text-zinc-100">{summary}</p>
        {detail && <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{detail}</p>}
        {event.recordedBy !== null ? (
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{t("recordedBy", { name: event.recordedBy })}</p>
        ) : (
          <p className="mt-0.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{event.eventId}</p>
        )}
      </div>
      <Timestamp date={event.occurredAt} timeZone={org.timeZone} className="shrink-0 text-xs whitespace-nowrap text-zinc-500 tabular dark:text-zinc-400" />
    </li>
  );
}
