"use client";

import { zoneOffset } from "~/server/time";
import { useFormat } from "../i18n/format";
import { useNow } from "../hooks/use-now";

/** The current local time in a zone ("18:56 Monday, GMT+1"), kept current. */
export function ZoneClock({ timeZone }: { timeZone: string }) {
  const f = useFormat();
  const now = useNow();
  if (now === null) return <span className="text-zinc-500">--:--</span>;
  const date = new Date(now);
  return (
    <span>
      <time dateTime={date.toISOString()} className="tabular font-medium text-zinc-900 dark:text-zinc-100">
        {f.clock(date, timeZone)}
      </time>{" "}
      {f.weekday(date, timeZone)}, {zoneOffset(date, timeZone)}
    </span>
  );
}
