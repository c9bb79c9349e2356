"use client";

import { Bot, Cpu, CreditCard, KeyRound, Timer } from "lucide-react";
import { Avatar } from "~/app/_components/ui/avatar";
import { useOrg } from "~/app/_components/org/org-context";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useAuditWords, type AuditEntry } from "./describe-entry";

const actorIcons = { machine: Cpu, stripe: CreditCard, job: Timer, system: Bot, api_key: KeyRound } as const;

/** One line of the log: who, did what, to what, when. */
export function AuditEntryRow({ entry, people }: { entry: AuditEntry; people: Map<string, string> }) {
  const org = useOrg();
  const { actorOf, describeEntry } = useAuditWords();
  const actor = actorOf(entry, people);
  const { summary, target } = describeEntry(entry, people);
  const Icon = entry.actorType === "user" ? null : (actorIcons[entry.actorType as keyof typeof actorIcons] ?? Bot);
  return (
    <li className="flex items-start gap-3 px-4 py-3 text-[13px]">
      {Icon ? (
        <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
          <Icon aria-hidden className="size-4" />
        </span>
      ) : (
        <Avatar name={actor} />
      )}
      <div className="min-w-0 flex-1">
        <p className="text-zinc-700 dark:text-zinc-300">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{actor}</span> {summary}
        </p>
        <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="font-mono">{entry.action}</span>
          {target && (
            <>
              <span aria-hidden>·</span>
              <span className="truncate">{target}</span>
            </>
          )}
          <span aria-hidden className="sm:hidden">
            ·
          </span>
          <Timestamp date={entry.createdAt} timeZone={org.timeZone} className="sm:hidden" />
        </p>
      </div>
      <Timestamp date={entry.createdAt} timeZone={org.timeZone} className="hidden shrink-0 text-xs whitespace-nowrap text-zinc-500 tabular sm:block dark:text-zinc-400" />
    </li>
  );
}
