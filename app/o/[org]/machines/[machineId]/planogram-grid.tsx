import { useTranslations } from "next-intl";
import type { PlanogramSlot } from "./use-machine";
import { SlotCard } from "./slot-card";

/** The row of slots whose codes are not a letter and a number (never a row letter itself). */
const OTHER = "other";

/** Slots by row as the machine's front shows them: the letter is the row, the number the column. */
export function rowsOf(slots: PlanogramSlot[]): { row: string; slots: PlanogramSlot[] }[] {
  const rows = new Map<string, PlanogramSlot[]>();
  for (const slot of slots) {
    const row = /^([A-Z]+)\d+$/.exec(slot.code)?.[1] ?? OTHER;
    rows.set(row, [...(rows.get(row) ?? []), slot]);
  }
  const number = (code: string) => Number(/\d+$/.exec(code)?.[0] ?? Number.MAX_SAFE_INTEGER);
  return [...rows.entries()]
    .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a.length - b.length || a.localeCompare(b)))
    .map(([row, list]) => ({ row, slots: list.sort((x, y) => number(x.code) - number(y.code) || x.code.localeCompare(y.code)) }));
}

/**
 * The planogram as a grid: one line per row letter, columns aligned across rows, scrolling
 * sideways when wider than the screen.
 */
export function PlanogramGrid({ slots, currency }: { slots: PlanogramSlot[]; currency: string }) {
  const t = useTranslations("machines.planogram");
  const rows = rowsOf(slots);
  const columns = Math.max(...rows.map((r) => r.slots.length));
  const template = { gridTemplateColumns: `repeat(${columns}, minmax(6.5rem, 9rem))` };
  return (
    // A region the keyboard can reach and scroll when the grid is wider than the page.
    <div tabIndex={0} role="region" aria-label={t("grid")} className="relative overflow-x-auto p-4 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
      <div className="flex w-max min-w-full flex-col gap-2">
        {rows.map(({ row, slots: line }) => (
          <div key={row} className="flex items-stretch gap-2">
            <span aria-hidden className="flex w-5 shrink-0 items-center justify-center font-mono text-xs font-semibold text-zinc-500">
              {row === OTHER ? "·" : row}
            </span>
            <ul aria-label={row === OTHER ? t("otherSlots") : t("row", { row })} className="grid gap-2" style={template}>
              {line.map((slot) => (
                <SlotCard key={slot.id} slot={slot} currency={currency} />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
