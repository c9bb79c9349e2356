"use client";

import { formatDateTime, formatRelative } from "~/server/time";
import { useNow } from "../hooks/use-now";

/** "3 min ago" (kept current), with the exact time in the org's zone on hover; "Never" without a date. */
export function RelativeTime({ date, timeZone, never = "Never", className }: { date: Date | null; timeZone: string; never?: string; className?: string }) {
  const now = useNow();
  if (!date) return <span className={className}>{never}</span>;
  const exact = `${formatDateTime(date, timeZone)} (${timeZone})`;
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {now === null ? formatDateTime(date, timeZone) : formatRelative(date, now)}
    </time>
  );
}
