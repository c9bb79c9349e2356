import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { machines, products, slots } from "~/db/schema";
import type { ImportIssue, ImportOutcome } from "~/server/catalog/contract";
import type { ServiceCtx } from "~/server/context";
import { defineMessages, renderMessage, type Message, type MessageParams } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { notAnAmount, readCsv } from "~/server/input/csv";
import { parseMajor } from "~/server/money";
import { getOrganization } from "~/server/tenancy";
import { MAX_PLANOGRAM_IMPORT_ROWS, planogramCsvColumns, planogramImportInput, setPlanogramInput, slotInput } from "./contract";
import { setPlanogram } from "./planogram";

type Column = (typeof planogramCsvColumns)[number];

export const planogramImportMessages = defineMessages("planogram_import", {
  machine_missing: "Enter the machine's serial or name.",
  machine_ambiguous: "Several machines are named “{name}”; use the serial instead.",
  machine_unknown: "No machine of this organization has the serial or name “{name}”.",
  sku_unknown: "No product has the SKU “{sku}”; add or import it first, or leave the cell empty for an empty slot.",
  capacity_not_whole: "Enter the capacity as a whole number.",
  par_not_whole: "Enter the par level as a whole number.",
  slot_repeated: "Slot {slot} of this machine is also on row {row}; keep one of the two rows.",
});
type SlotValues = z.output<typeof slotInput>;

const aliases: Record<string, Column> = {
  serial: "machine",
  machine_serial: "machine",
  machine_name: "machine",
  slot_code: "slot",
  code: "slot",
  selection: "slot",
  product_sku: "sku",
  product: "sku",
  par_level: "par",
  price_override: "price",
};

const columnOfField: Record<string, Column> = { code: "slot", productId: "sku", capacity: "capacity", parLevel: "par", priceOverrideMinor: "price" };
const compared = ["productId", "capacity", "parLevel", "priceOverrideMinor"] as const;

const wholeNumber = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

/** One row of a planograms file as the import will treat it. */
export interface PlanogramImportRow {
  row: number;
  outcome: ImportOutcome;
  machineId: string | null;
  /** The machine as the file names it. */
  machine: string;
  slot: string;
  sku: string;
  productName: string | null;
  capacity: number | null;
  parLevel: number | null;
  priceOverrideMinor: number | null;
  /** The fields this row changes on an existing slot. */
  changes: string[];
  issues: ImportIssue[];
}

/** What the import does to one machine. */
export interface PlanogramImportMachine {
  machineId: string;
  name: string;
  serial: string;
  /** Rows of the file for this machine. */
  rows: number;
  /** Slots the machine has that a replacing import removes. */
  removed: string[];
  /** Left unchanged because a row for it has an error (or the result breaks a planogram rule). */
  skipped: boolean;
  issues: ImportIssue[];
  changed: boolean;
}

async function planPlanogramImport(ctx: ServiceCtx, raw: z.input<typeof planogramImportInput> & { locale?: Locale }) {
  const { locale } = raw;
  const say = (message: Message, params: MessageParams = {}) => renderMessage(message, params, locale);
  const texts = planogramImportMessages;
  const { csv, mode } = planogramImportInput.parse(raw);
  const { currency } = await getOrganization(ctx);
  const table = readCsv(csv, { columns: planogramCsvColumns, required: ["machine", "slot", "sku", "capacity", "par"], aliases, maxRows: MAX_PLANOGRAM_IMPORT_ROWS });
  const fleet = await ctx.db.select({ id: machines.id, name: machines.name, serial: machines.serial }).from(machines).where(eq(machines.orgId, ctx.orgId));
  const bySerial = new Map(fleet.map((m) => [m.serial.toLowerCase(), m]));
  const byName = new Map<string, typeof fleet>();
  for (const m of fleet) byName.set(m.name.trim().toLowerCase(), [...(byName.get(m.name.trim().toLowerCase()) ?? []), m]);
  const catalog = await ctx.db.select({ id: products.id, sku: products.sku, name: products.name }).from(products).where(eq(products.orgId, ctx.orgId));
  const bySku = new Map(catalog.map((p) => [p.sku, p]));
  const seen = new Map<string, number>();

  const rows = table.rows.map(({ row, cells }) => {
    const issues: ImportIssue[] = [];
    const cell = (c: Column) => cells[c] ?? "";
    const named = cell("machine");
    const sameName = byName.get(named.toLowerCase()) ?? [];
    const machine = bySerial.get(named.toLowerCase()) ?? (sameName.length === 1 ? sameName[0] : undefined);
    if (!named) issues.push({ column: "machine", message: say(texts.machine_missing) });
    else if (sameName.length > 1 && !machine) issues.push({ column: "machine", message: say(texts.machine_ambiguous, { name: named }) });
    else if (!machine) issues.push({ column: "machine", message: say(texts.machine_unknown, { name: named }) });
    const sku = cell("sku");
    const product = sku ? bySku.get(sku) : undefined;
    if (sku && !product) issues.push({ column: "sku", message: say(texts.sku_unknown, { sku }) });
    const capacity = wholeNumber(cell("capacity"));
    if (Number.isNaN(capacity)) issues.push({ column: "capacity", message: say(texts.capacity_not_whole) });
    const parLevel = wholeNumber(cell("par"));
    if (Number.isNaN(parLevel)) issues.push({ column: "par", message: say(texts.par_not_whole) });
    const price = parseMajor(cell("price"), currency);
    if (Number.isNaN(price)) issues.push({ column: "price", message: notAnAmount(cell("price"), currency, locale) });
    const checked = slotInput.safeParse({ code: cell("slot"), productId: product?.id ?? null, capacity, parLevel, priceOverrideMinor: price });
    for (const issue of checked.error?.issues ?? []) {
      const column = columnOfField[String(issue.path[0])] ?? null;
      if (!issues.some((i) => i.column === column)) issues.push({ column, message: issue.message });
    }
    const slot = checked.data;
    const key = machine && slot ? `${machine.id}|${slot.code}` : null;
    const first = key ? seen.get(key) : undefined;
    if (first !== undefined) issues.push({ column: "slot", message: say(texts.slot_repeated, { slot: slot!.code, row: first }) });
    else if (key) seen.set(key, row);
    return { row, named, machine, sku, product, slot: issues.length === 0 ? slot! : null, cells: { slot: cell("slot"), capacity, parLevel, price }, issues };
  });

  const machineIds = [...new Set(rows.flatMap((r) => (r.machine ? [r.machine.id] : [])))];
  const current =
    machineIds.length > 0
      ? await ctx.db
          .select({ machineId: slots.machineId, code: slots.code, productId: slots.productId, capacity: slots.capacity, parLevel: slots.parLevel, priceOverrideMinor: slots.priceOverrideMinor })
          .from(slots)
          .where(and(eq(slots.orgId, ctx.orgId), inArray(slots.machineId, machineIds)))
      : [];

  const plans = machineIds.map((machineId) => {
    const m = fleet.find((f) => f.id === machineId)!;
    const own = rows.filter((r) => r.machine?.id === machineId);
    const existing = current.filter((s) => s.machineId === machineId);
    const fromFile = own.flatMap((r) => (r.slot ? [r.slot] : []));
    const codes = new Set(fromFile.map((s) => s.code));
    const kept: SlotValues[] = mode === "merge" ? existing.filter((s) => !codes.has(s.code)).map(({ machineId: _m, ...s }) => s) : [];
    const slotList = [...kept, ...fromFile].sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }));
    const issues: ImportIssue[] = [];
    const checked = setPlanogramInput.safeParse({ machineId, slots: slotList });
    for (const issue of checked.error?.issues ?? []) issues.push({ column: null, message: issue.message });
    const removed = mode === "replace" ? existing.filter((s) => !codes.has(s.code)).map((s) => s.code) : [];
    const skipped = issues.length > 0 || own.some((r) => r.issues.length > 0);
    return { machineId, name: m.name, serial: m.serial, rows: own.length, removed, skipped, issues, slots: slotList, existing };
  });

  const importRows = rows.map((r): PlanogramImportRow => {
    const before = r.slot && plans.find((p) => p.machineId === r.machine?.id)?.existing.find((s) => s.code === r.slot!.code);
    const changes = r.slot && before ? compared.filter((f) => before[f] !== r.slot![f]) : [];
    const outcome: ImportOutcome = !r.slot ? "error" : !before ? "new" : changes.length > 0 ? "update" : "unchanged";
    return {
      row: r.row,
      outcome,
      machineId: r.machine?.id ?? null,
      machine: r.named,
      slot: r.slot?.code ?? r.cells.slot,
      sku: r.sku,
      productName: r.product?.name ?? null,
      capacity: Number.isNaN(r.cells.capacity) ? null : r.cells.capacity,
      parLevel: Number.isNaN(r.cells.parLevel) ? null : r.cells.parLevel,
      priceOverrideMinor: r.cells.price === null || Number.isNaN(r.cells.price) ? null : r.cells.price,
      changes,
      issues: r.issues,
    };
  });
  const machinePlans = plans.map(({ slots: slotList, existing: _e, ...p }) => ({
    ...p,
    slotList,
    changed: p.removed.length > 0 || importRows.some((r) => r.machineId === p.machineId && (r.outcome === "new" || r.outcome === "update")),
  }));
  return { mode, currency, columns: table.columns, ignored: table.ignored, rows: importRows, machines: machinePlans };
}

function summaryOf(plan: Awaited<ReturnType<typeof planPlanogramImport>>) {
  const count = (o: ImportOutcome) => plan.rows.filter((r) => r.outcome === o).length;
  return {
    mode: plan.mode,
    currency: plan.currency,
    columns: plan.columns,
    ignoredColumns: plan.ignored,
    counts: { new: count("new"), update: count("update"), unchanged: count("unchanged"), error: count("error") },
    rows: plan.rows,
    machines: plan.machines.map(({ slotList: _s, ...m }): PlanogramImportMachine => m),
  };
}

/** What importing the planograms file would do, row by row and machine by machine; writes nothing. Problems read in `locale`. */
export async function previewPlanogramImport(ctx: ServiceCtx, raw: z.input<typeof planogramImportInput> & { locale?: Locale }) {
  return summaryOf(await planPlanogramImport(ctx, raw));
}

/**
 * Imports planograms: each machine the file names gets its slots replaced by the file's, or merged
 * with them, through the rules of `setPlanogram`, all in the caller's one transaction. A machine
 * with an error in any of its rows is left unchanged. Importing the same file again changes nothing.
 */
export async function importPlanograms(ctx: ServiceCtx, raw: z.input<typeof planogramImportInput> & { locale?: Locale }) {
  const plan = await planPlanogramImport(ctx, raw);
  for (const m of plan.machines) {
    if (!m.skipped && m.changed) await setPlanogram(ctx, { machineId: m.machineId, slots: m.slotList });
  }
  return summaryOf(plan);
}
