"use client";

import { formatClock, formatWeekday, zoneOffset } from "~/server/time";
import { useNow } from "../hooks/use-now";

/** The current local time in a zone ("18:56 Monday, GMT+1"), kept current. */
export function ZoneClock({ timeZone }: { timeZone: string }) {
  const now = useNow();
  if (now === null) return <span className="text-zinc-500">--:--</span>;
  const date = new Date(now);
  return (
    <span>
      <time dateTime={date.toISOString()} className="tabular font-medium text-zinc-900 dark:text-zinc-100">
        {formatClock(date, timeZone)}
      </time>{" "}
      {formatWeekday(date, timeZone)}, {zoneOffset(date, timeZone)}
    </span>
  );
}
