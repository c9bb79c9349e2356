// What the plan and the home page say about a machine, as messages a reader's language renders:
// services fill them in the caller's language (English when none is given).
import "server-only";
import { defineMessages } from "~/server/errors";
import { intlLocale, type Locale } from "~/server/i18n/locales";
import { WEEKDAY_NAMES } from "./contract";

export const replenishmentTexts = defineMessages("replenishment", {
  attention_offline: "Offline: no report from the machine lately",
  attention_fault: "The machine reports a fault",
  attention_sold_out_one: "Slot sold out now: {slots}",
  attention_sold_out_many: "{count} slots sold out now: {slots}",
  attention_visit_overdue: "Sells out before its next visit ({day}): {amount} lost by then",
  attention_cash_full: "Cash box nearly full: {amount} expected",
  action_open_plan: "Open the plan",
  action_see_alert: "See the alert",
  action_open_machine: "Open the machine",
  action_see_fault: "See the fault",
  action_retry_refund: "Retry the refund",
  action_see_finding: "See the finding",
  action_record_collection: "Record a collection",
  visit_reason_one: "{units} unit to fill · {amount} at risk this week",
  visit_reason_many: "{units} units to fill · {amount} at risk this week",
  note_moved_route_full: "{from}'s visit moved to {to}: route full",
  note_moved_day_off: "{from}'s visit moved to {to}: day off",
  note_dropped_route_full: "{from}'s visit dropped: route full, no room left this week",
  note_dropped_day_off: "{from}'s visit dropped: day off, no room left this week",
  note_capped_one: "{day}'s fill cut to {units} unit: route full",
  note_capped_many: "{day}'s fill cut to {units} units: route full",
});

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** A local date's weekday, short: "Mon" in English, "周一" in Chinese. */
export function weekdayName(date: string, weekday: number, locale?: Locale): string {
  if (!locale || locale === "en") return WEEKDAY_NAMES[weekday]!;
  const key = intlLocale(locale);
  let format = weekdayFormats.get(key);
  if (!format) weekdayFormats.set(key, (format = new Intl.DateTimeFormat(key, { weekday: "short", timeZone: "UTC" })));
  return format.format(new Date(`${date}T00:00:00Z`));
}
