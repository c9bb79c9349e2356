// The catalog domain's contract: products as the product form and other domains know them. No
// database imports: the browser validates with these too.
import { z } from "zod";
import { defineMessages } from "~/server/errors";

export const catalogMessages = defineMessages("catalog", {
  sku_taken: "Another product already has this SKU.",
});

/** An amount in minor units (cents), as prices and costs are kept. */
const minor = (what: string) =>
  z.number(`Enter the ${what}.`).int(`Enter the ${what} in minor units (cents), a whole number.`).min(0, `The ${what} cannot be negative.`).max(100_000_000);

export const productInput = z.object({
  sku: z.string().trim().min(1, "Enter a SKU.").max(64, "Use at most 64 characters.").regex(/^[A-Za-z0-9._-]+$/, "Use letters, digits, dots, dashes and underscores."),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
  category: z.string().trim().max(60, "Use at most 60 characters.").default(""),
  priceMinor: minor("price"),
  costMinor: minor("cost").default(0),
  imageUrl: z.union([z.literal(""), z.url("Enter a full URL starting with https://")]).nullable().default(null),
  active: z.boolean().default(true),
});

export const updateProductInput = productInput.extend({ productId: z.string().min(1).max(64) });
