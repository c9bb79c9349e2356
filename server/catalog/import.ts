import "server-only";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { newId } from "~/db/ids";
import { products, type Product } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { defineMessages, renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { notAnAmount, readCsv } from "~/server/input/csv";
import { parseMajor } from "~/server/money";
import { getOrganization, recordAudit } from "~/server/tenancy";
import { MAX_IMPORT_ROWS, csvFileInput, productCsvColumns, productInput, type ImportIssue, type ImportOutcome } from "./contract";

type Column = (typeof productCsvColumns)[number];

export const productImportMessages = defineMessages("product_import", {
  active_yes_no: "Use yes or no, not “{value}”.",
  sku_repeated: "SKU {sku} is also on row {row}; keep one of the two rows.",
});
type ProductValues = z.output<typeof productInput>;

const aliases: Record<string, Column> = {
  product_sku: "sku",
  product: "name",
  product_name: "name",
  image: "image_url",
  imageurl: "image_url",
  price_major: "price",
  unit_price: "price",
  unit_cost: "cost",
};

/** Which column of the file each field of the product input comes from. */
const columnOfField: Record<string, Column> = {
  sku: "sku",
  name: "name",
  category: "category",
  priceMinor: "price",
  costMinor: "cost",
  imageUrl: "image_url",
  active: "active",
};

const compared = ["name", "category", "priceMinor", "costMinor", "imageUrl", "active"] as const;
type ComparedField = (typeof compared)[number];

/** One row of a products file as the import will treat it. */
export interface ProductImportRow {
  row: number;
  outcome: ImportOutcome;
  sku: string;
  name: string;
  /** The product after the import (for new and changed rows), or as it stays. */
  values: Pick<Product, "category" | "priceMinor" | "costMinor" | "active"> | null;
  /** For an update: each changed field, from and to. */
  changes: { field: ComparedField; from: unknown; to: unknown }[];
  issues: ImportIssue[];
}

function activeOf(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (["yes", "y", "true", "1", "active"].includes(value)) return true;
  if (["no", "n", "false", "0", "inactive"].includes(value)) return false;
  return null;
}

/**
 * Reads a products file against the catalog: each row is checked with the product form's own
 * schema and matched to an existing product by SKU. A cell left empty, or a column the file does
 * not have, keeps an existing product's value (new products get the form's defaults). The rows'
 * problems read in `locale` (English when left out).
 */
async function planProductImport(ctx: ServiceCtx, raw: z.input<typeof csvFileInput> & { locale?: Locale }) {
  const { csv } = csvFileInput.parse(raw);
  const { locale } = raw;
  const { currency } = await getOrganization(ctx);
  const table = readCsv(csv, { columns: productCsvColumns, required: ["sku"], aliases, maxRows: MAX_IMPORT_ROWS });
  const existing = await ctx.db.select().from(products).where(eq(products.orgId, ctx.orgId));
  const bySku = new Map(existing.map((p) => [p.sku, p]));
  const firstRowOf = new Map<string, number>();

  const rows = table.rows.map(({ row, cells }): ProductImportRow & { input: ProductValues | null; productId: string | null } => {
    const issues: ImportIssue[] = [];
    const cell = (c: Column) => cells[c] ?? "";
    const sku = cell("sku");
    const before = bySku.get(sku);
    const amount = (c: "price" | "cost", kept: number | undefined) => {
      if (cell(c) === "") return kept;
      const minor = parseMajor(cell(c), currency);
      if (minor === null || Number.isNaN(minor)) {
        issues.push({ column: c, message: notAnAmount(cell(c), currency, locale) });
        return undefined;
      }
      return minor;
    };
    let active = before?.active ?? true;
    if (cell("active") !== "") {
      const parsed = activeOf(cell("active"));
      if (parsed === null) issues.push({ column: "active", message: renderMessage(productImportMessages.active_yes_no, { value: cell("active") }, locale) });
      else active = parsed;
    }
    const candidate = {
      sku,
      name: cell("name") || before?.name || "",
      category: cell("category") || before?.category || "",
      priceMinor: amount("price", before?.priceMinor),
      costMinor: amount("cost", before?.costMinor ?? 0),
      imageUrl: cell("image_url") || before?.imageUrl || null,
      active,
    };
    const checked = productInput.safeParse(candidate);
    for (const issue of checked.error?.issues ?? []) {
      const column = columnOfField[String(issue.path[0])] ?? null;
      // A badly typed amount already has its own, clearer message.
      if (!issues.some((i) => i.column === column)) issues.push({ column, message: issue.message });
    }
    const first = sku ? firstRowOf.get(sku) : undefined;
    if (first !== undefined) issues.push({ column: "sku", message: renderMessage(productImportMessages.sku_repeated, { sku, row: first }, locale) });
    else if (sku) firstRowOf.set(sku, row);

    const input = issues.length === 0 && checked.success ? checked.data : null;
    const after = input ? { ...input, imageUrl: input.imageUrl || null } : null;
    const changes = before && after ? compared.filter((f) => before[f] !== after[f]).map((field) => ({ field, from: before[field], to: after[field] })) : [];
    const outcome: ImportOutcome = !after ? "error" : !before ? "new" : changes.length > 0 ? "update" : "unchanged";
    const shown = after ?? before ?? null;
    return {
      row,
      outcome,
      sku,
      name: after?.name ?? (cell("name") || before?.name || ""),
      values: shown && { category: shown.category, priceMinor: shown.priceMinor, costMinor: shown.costMinor, active: shown.active },
      changes,
      issues,
      input: after,
      productId: before?.id ?? null,
    };
  });
  return { columns: table.columns, ignored: table.ignored, currency, rows };
}

function summaryOf(plan: Awaited<ReturnType<typeof planProductImport>>) {
  const count = (o: ImportOutcome) => plan.rows.filter((r) => r.outcome === o).length;
  return {
    columns: plan.columns,
    ignoredColumns: plan.ignored,
    currency: plan.currency,
    counts: { new: count("new"), update: count("update"), unchanged: count("unchanged"), error: count("error") },
    rows: plan.rows.map(({ input: _input, productId: _id, ...row }) => row),
  };
}

/** What importing the file would do, row by row; writes nothing. */
export async function previewProductImport(ctx: ServiceCtx, raw: z.input<typeof csvFileInput> & { locale?: Locale }) {
  return summaryOf(await planProductImport(ctx, raw));
}

/**
 * Imports a products file: new SKUs are added and changed ones updated, in the caller's one
 * transaction; rows with errors are skipped. Importing the same file again changes nothing.
 */
export async function importProducts(ctx: ServiceCtx, raw: z.input<typeof csvFileInput> & { locale?: Locale }) {
  const plan = await planProductImport(ctx, raw);
  const writes = plan.rows.filter((r) => r.input && (r.outcome === "new" || r.outcome === "update"));
  if (writes.length > 0) {
    const written = await ctx.db
      .insert(products)
      .values(writes.map((r) => ({ id: r.productId ?? newId("prd"), orgId: ctx.orgId, ...r.input! })))
      .onConflictDoUpdate({
        target: [products.orgId, products.sku],
        set: {
          name: sql`excluded.name`,
          category: sql`excluded.category`,
          priceMinor: sql`excluded.price_minor`,
          costMinor: sql`excluded.cost_minor`,
          imageUrl: sql`excluded.image_url`,
          active: sql`excluded.active`,
        },
      })
      .returning({ id: products.id, sku: products.sku });
    const idOf = new Map(written.map((p) => [p.sku, p.id]));
    for (const r of writes) {
      const targetId = idOf.get(r.sku)!;
      if (r.outcome === "new") {
        await recordAudit(ctx, { action: "product.created", targetType: "product", targetId, data: { sku: r.sku, name: r.name, source: "import" } });
      } else {
        const data = Object.fromEntries(r.changes.map((c) => [c.field, { from: c.from, to: c.to }]));
        await recordAudit(ctx, { action: "product.updated", targetType: "product", targetId, data: { ...data, source: "import" } });
      }
    }
  }
  return summaryOf(plan);
}
