"use client";

import { formatDate, formatDateTime, formatRelative } from "~/server/time";
import { useNow } from "../hooks/use-now";

/** A point in time in the org's zone, with the relative time ("3 min ago") on hover. */
export function Timestamp({ date, timeZone, dateOnly, className }: { date: Date; timeZone: string; dateOnly?: boolean; className?: string }) {
  const now = useNow();
  const text = dateOnly ? formatDate(date, timeZone) : formatDateTime(date, timeZone);
  const full = `${formatDateTime(date, timeZone)} (${timeZone})`;
  return (
    <time dateTime={date.toISOString()} title={now === null ? full : `${formatRelative(date, now)} · ${full}`} className={className}>
      {text}
    </time>
  );
}
