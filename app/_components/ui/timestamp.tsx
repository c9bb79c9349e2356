"use client";

import { useFormat } from "../i18n/format";
import { useNow } from "../hooks/use-now";

/** A point in time in the org's zone, with the relative time ("3 min ago") on hover. */
export function Timestamp({ date, timeZone, dateOnly, className }: { date: Date; timeZone: string; dateOnly?: boolean; className?: string }) {
  const f = useFormat();
  const now = useNow();
  const text = dateOnly ? f.date(date, timeZone) : f.dateTime(date, timeZone);
  const full = `${f.dateTime(date, timeZone)} (${timeZone})`;
  return (
    <time dateTime={date.toISOString()} title={now === null ? full : `${f.relative(date, now)} · ${full}`} className={className}>
      {text}
    </time>
  );
}
