"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "../i18n/format";
import { useNow } from "../hooks/use-now";

/** "3 min ago" (kept current), with the exact time in the org's zone on hover; "Never" without a date. */
export function RelativeTime({ date, timeZone, never, className }: { date: Date | null; timeZone: string; never?: string; className?: string }) {
  const t = useTranslations("common.ui");
  const f = useFormat();
  const now = useNow();
  if (!date) return <span className={className}>{never ?? t("never")}</span>;
  const exact = `${f.dateTime(date, timeZone)} (${timeZone})`;
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {now === null ? f.dateTime(date, timeZone) : f.relative(date, now)}
    </time>
  );
}
