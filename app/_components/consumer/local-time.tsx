"use client";

import { useSyncExternalStore } from "react";
import { useFormat } from "../i18n/format";

const noop = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A time in the visitor's own zone (consumers are not in an org's zone). The server renders UTC
 * and the browser switches to its zone after hydration, so both render the same first.
 */
export function LocalTime({ date, dateOnly, className }: { date: Date; dateOnly?: boolean; className?: string }) {
  const f = useFormat();
  const zone = useSyncExternalStore(noop, browserZone, () => "UTC");
  return (
    <time dateTime={date.toISOString()} className={className}>
      {dateOnly ? f.date(date, zone) : f.dateTime(date, zone)}
    </time>
  );
}
