/** The columns of the sales table that a person can show or hide (row actions always show); their names are `sales.columns.<id>`. */
export const saleColumns = [
  { id: "time" },
  { id: "machine" },
  { id: "location" },
  { id: "slot" },
  { id: "product" },
  { id: "payment" },
  { id: "amount", align: "right" },
  { id: "status" },
  { id: "refund" },
] as const satisfies readonly { id: string; align?: "right" }[];

export type SaleColumnId = (typeof saleColumns)[number]["id"];

/** Where this browser keeps the hidden columns. */
export const HIDDEN_SALE_COLUMNS_KEY = "vendops.sales.hidden-columns";

const ids = new Set<string>(saleColumns.map((c) => c.id));

/**
 * The hidden columns from what was stored: a JSON list of column ids. Anything else (an old or
 * hand-edited value, unknown ids) is dropped, and at least one column always stays visible.
 */
export function hiddenSaleColumns(stored: string | null): Set<SaleColumnId> {
  if (!stored) return new Set();
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return new Set();
  }
  if (!Array.isArray(value)) return new Set();
  const hidden = new Set(value.filter((id): id is SaleColumnId => typeof id === "string" && ids.has(id)));
  return hidden.size >= saleColumns.length ? new Set() : hidden;
}

/** The stored text after showing or hiding one column. */
export function toggleSaleColumn(hidden: Set<SaleColumnId>, id: SaleColumnId, show: boolean): string {
  const next = new Set(hidden);
  if (show) next.delete(id);
  else next.add(id);
  return JSON.stringify(saleColumns.map((c) => c.id).filter((c) => next.has(c)));
}
