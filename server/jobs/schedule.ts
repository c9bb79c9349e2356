import "server-only";
import { CronExpressionParser } from "cron-parser";

/** Whether `expression` is a five-field cron expression this runner understands. */
export function isValidSchedule(expression: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz: "UTC", strict: false });
    return expression.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}

/**
 * The cron ticks after `after` (exclusive) up to `until` (inclusive), oldest first, at most `max`
 * (the newest ones). Without `after`, only the latest tick at or before `until`.
 */
export function ticksBetween(expression: string, after: Date | null, until: Date, max: number): Date[] {
  const ticks: Date[] = [];
  const cron = CronExpressionParser.parse(expression, { tz: "UTC", currentDate: new Date(until.getTime() + 1) });
  while (ticks.length < max) {
    const tick = cron.prev().toDate();
    if (after && tick.getTime() <= after.getTime()) break;
    ticks.push(tick);
    if (!after) break;
  }
  return ticks.reverse();
}
