// The catalog domain's contract: products as the product form and other domains know them. No
// database imports: the browser validates with these too.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { vatRateBpSchema } from "~/server/tenancy/contract";

export const catalogMessages = defineMessages("catalog", {
  sku_taken: "Another product already has this SKU.",
  price_out_of_range: "{name} would cost {price}; a price must be between 0 and {max}.",
  prices_changed: "The price of {name} changed since you looked; review the change again.",
  products_not_found: "Products not found: some of the chosen ones no longer exist; reload the page and choose again.",
});

/** The highest price or cost, in minor units. */
export const MAX_MINOR = 100_000_000;

/** An amount in minor units (cents), as prices and costs are kept. */
const minor = (what: string) =>
  z.number(`Enter the ${what}.`).int(`Enter the ${what} in minor units (cents), a whole number.`).min(0, `The ${what} cannot be negative.`).max(MAX_MINOR, `The ${what} is too high.`);

export const productInput = z.object({
  sku: z.string().trim().min(1, "Enter a SKU.").max(64, "Use at most 64 characters.").regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, dots, dashes and underscores."),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  category: z.string().trim().max(60, "Use at most 60 characters.").default(""),
  priceMinor: minor("price"),
  costMinor: minor("cost").default(0),
  imageUrl: z.union([z.literal(""), z.url("Enter a full URL starting with https://")]).nullable().default(null),
  active: z.boolean().default(true),
  /** The product's VAT rate in basis points; null: the org's default rate; left out: unchanged. */
  vatRateBp: vatRateBpSchema.nullable().optional(),
});

export const updateProductInput = productInput.extend({ productId: z.string().min(1).max(64) });

/** How a bulk price change sets each chosen product's new price. */
export const priceChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("set"), priceMinor: minor("new price") }),
  z.object({
    kind: z.literal("percent"),
    percent: z
      .number("Enter a percentage.")
      .min(-100, "A price can go down by at most 100%.")
      .max(1000, "Use at most 1000%.")
      .refine((p) => Number.isInteger(Math.round(p * 1e6) / 1e4), "Use at most two decimals.")
      .refine((p) => p !== 0, "Enter a change other than 0%."),
  }),
  z.object({
    kind: z.literal("amount"),
    amountMinor: z
      .number("Enter an amount.")
      .int("Enter the amount in minor units (cents), a whole number.")
      .min(-MAX_MINOR)
      .max(MAX_MINOR)
      .refine((a) => a !== 0, "Enter an amount other than 0."),
  }),
]);
export type PriceChange = z.infer<typeof priceChange>;

export const bulkPriceInput = z.object({
  /** The chosen products with the price the person saw, so a repeated or outdated change is caught. */
  products: z
    .array(z.object({ productId: z.string().min(1).max(64), priceMinor: z.number().int() }))
    .min(1, "Choose at least one product.")
    .max(2000, "Change at most 2000 products at once.")
    .refine((list) => new Set(list.map((p) => p.productId)).size === list.length, "Each product may be chosen once."),
  change: priceChange,
});

/**
 * The price after a change, in minor units: percentages round to the nearest minor unit, halves
 * up (10% on 1.25 is 1.38). May fall outside 0..MAX_MINOR; the caller refuses that.
 */
export function changedPrice(priceMinor: number, change: PriceChange): number {
  if (change.kind === "set") return change.priceMinor;
  if (change.kind === "amount") return priceMinor + change.amountMinor;
  // In hundredths of a percent, so the product is a whole number and only one division rounds.
  const basis = Math.round(change.percent * 100);
  return Math.round((priceMinor * (10_000 + basis)) / 10_000);
}

/** A CSV file as text, for an import's preview and for the import itself. */
export const csvFileInput = z.object({
  csv: z.string().max(2_000_000, "The file is larger than 2 MB; split it into smaller files.").min(1, "The file is empty."),
});

/** Rows a CSV import takes at once. */
export const MAX_IMPORT_ROWS = 2000;

/** What an import does with one row. */
export const importOutcomes = ["new", "update", "unchanged", "error"] as const;
export type ImportOutcome = (typeof importOutcomes)[number];

/** Something wrong with a row: the column (as the file names it) and what to fix. */
export interface ImportIssue {
  column: string | null;
  message: string;
}

/** The columns of a products CSV; the first three are required (price for new products only). */
export const productCsvColumns = ["sku", "name", "price", "cost", "category", "active", "image_url"] as const;
