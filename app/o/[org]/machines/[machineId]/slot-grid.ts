import { setPlanogramInput, slotInput } from "~/server/inventory/contract";
import { draftOf, type SlotDraft } from "./slot-drafts";
import { englishSlotTexts, type SlotTexts } from "./slot-texts";

/** The most rows a grid has: one letter each, A to Z. */
export const MAX_GRID_ROWS = 26;

/** What the grid generator asks for, as typed. */
export interface GridSpec {
  rows: string;
  columns: string;
  capacity: string;
  parLevel: string;
}

export type GridProblems = Partial<Record<keyof GridSpec, string>>;

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The row letter of row `index` (0 is A). */
const rowLetter = (index: number) => String.fromCharCode(65 + index);

/**
 * The slot codes of a grid, row by row, in the convention of the planogram: the letter is the row,
 * the number the column (6 rows and 8 columns are A1 to A8, then B1, ... F8).
 */
export function gridCodes(rows: number, columns: number): string[] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => `${rowLetter(r)}${c + 1}`)).flat();
}

/** What is wrong with the grid as typed, in the planogram's own rules where it has them (`t`: in the reader's language). */
export function gridProblems(spec: GridSpec, t: SlotTexts = englishSlotTexts): GridProblems {
  const problems: GridProblems = {};
  const rows = wholeNumber(spec.rows);
  const columns = wholeNumber(spec.columns);
  const capacity = wholeNumber(spec.capacity);
  const parLevel = wholeNumber(spec.parLevel);
  if (Number.isNaN(rows) || rows < 1 || rows > MAX_GRID_ROWS) problems.rows = t("rows", { max: MAX_GRID_ROWS });
  if (Number.isNaN(columns) || columns < 1) problems.columns = t("columns");
  if (Number.isNaN(capacity)) problems.capacity = t("capacity");
  if (Number.isNaN(parLevel)) problems.parLevel = t("parLevel");
  if (!problems.capacity && !problems.parLevel) {
    const checked = slotInput.safeParse({ code: "A1", productId: null, capacity, parLevel });
    for (const issue of checked.error?.issues ?? []) {
      const field = issue.path[0] === "capacity" ? "capacity" : "parLevel";
      problems[field] ??= issue.message;
    }
  }
  if (!problems.rows && !problems.columns) {
    const slots = gridCodes(rows, columns).map((code) => ({ code, productId: null, capacity: 1, parLevel: 0 }));
    const tooMany = setPlanogramInput.shape.slots.safeParse(slots).error?.issues[0];
    if (tooMany) problems.columns = t("tooMany", { rows, columns, count: rows * columns, reason: tooMany.message });
  }
  return problems;
}

/**
 * The editor's drafts for a grid: every slot of the grid with the default capacity and par level.
 * A slot already in the editor under the same code keeps its product and price.
 */
export function gridDrafts(current: SlotDraft[], spec: GridSpec): SlotDraft[] {
  const byCode = new Map(current.map((d) => [d.code.trim().toUpperCase(), d]));
  return gridCodes(wholeNumber(spec.rows), wholeNumber(spec.columns)).map((code) => {
    const kept = byCode.get(code);
    return draftOf({ code, productId: kept?.productId ?? "", capacity: spec.capacity.trim(), parLevel: spec.parLevel.trim(), price: kept?.price ?? "" });
  });
}
