// The month's uptime and stockouts said in plain words, from the figures the monthly statistics keep.
import { formatCount, formatPercent } from "~/app/_components/labels/numbers";

/** What the words are made of: the month's totals and its rows by machine and by product. */
export interface MonthForWords {
  /** YYYY-MM */
  month: string;
  uptime: number | null;
  stockoutHours: number;
  machines: { label: string; uptime?: number | null; stockoutHours: number }[];
  products: { label: string; stockoutHours: number }[];
}

/** "20 h 10 min", "45 min", "3 h" from hours; from 100 h on, whole hours ("1,936 h"). */
export function formatHours(hours: number): string {
  if (hours >= 100) return `${formatCount(Math.round(hours))} h`;
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Hours in a calendar month (the clock change of a time zone aside). */
function hoursIn(month: string): number {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate() * 24;
}

/** A list said as people say it: "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const decimal = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "Up 97.2% of the month: machines missed reports in 2.8% of their hours. 2 of 12 machines were
 * down some of the time, most of all Station hall 1 (up 88%, about 86 h down) and ...".
 * A machine's hours down are read off a whole month, so they are "about" for one that started later.
 */
export function uptimeInWords(m: MonthForWords): string {
  if (m.uptime === null) return "No machine reported this month, so there is no uptime to show.";
  const machines = m.machines.filter((r) => r.uptime !== null && r.uptime !== undefined) as { label: string; uptime: number }[];
  const down = machines.filter((r) => r.uptime < 0.9995).sort((a, b) => a.uptime - b.uptime || a.label.localeCompare(b.label));
  if (m.uptime >= 0.9995 || down.length === 0) {
    return `Up the whole month: ${machines.length === 1 ? "the machine" : `all ${machines.length} machines`} reported in every hour.`;
  }
  const worst = down.slice(0, 3).map((r) => {
    // Whole hours: the figure is an estimate, minutes would claim too much.
    const hours = Math.max(1, Math.round((1 - r.uptime) * hoursIn(m.month)));
    return `${r.label} (up ${formatPercent(r.uptime)}, about ${formatHours(hours)} down)`;
  });
  const more = down.length > 3 ? ` and ${plural(down.length - 3, "more", "more")}` : "";
  return (
    `Up ${formatPercent(m.uptime)} of the month: machines were silent in ${formatPercent(1 - m.uptime)} of their hours. ` +
    `${down.length} of ${plural(machines.length, "machine", "machines")} missed hours, most of all ${listed(worst)}${more}.`
  );
}

/**
 * "Slots were empty 41 slot-hours: Cola (18 h), Water (12 h) and 3 other products (11 h). Most at
 * Station hall 1 (22 h)." Products and machines come from the month's breakdowns.
 */
export function stockoutsInWords(m: MonthForWords): string {
  if (m.stockoutHours <= 0) return "No slot ran empty this month.";
  const byHours = <T extends { label: string; stockoutHours: number }>(rows: T[]) =>
    rows.filter((r) => r.stockoutHours > 0).sort((a, b) => b.stockoutHours - a.stockoutHours || a.label.localeCompare(b.label));
  const products = byHours(m.products);
  // Hours in brackets: product names often end in numbers ("Water 0.5 l").
  const top = products.slice(0, 3).map((r) => `${r.label} (${formatHours(r.stockoutHours)})`);
  const rest = products.slice(3);
  if (rest.length > 0) top.push(`${plural(rest.length, "other product", "other products")} (${formatHours(rest.reduce((n, r) => n + r.stockoutHours, 0))})`);
  const machines = byHours(m.machines);
  const most = machines[0] && machines.length > 1 ? ` Most at ${machines[0].label} (${formatHours(machines[0].stockoutHours)}).` : "";
  const total = `${decimal.format(m.stockoutHours)} ${m.stockoutHours === 1 ? "slot-hour" : "slot-hours"}`;
  return `Slots were empty ${total}${top.length > 0 ? `: ${listed(top)}` : ""}.${most}`;
}
