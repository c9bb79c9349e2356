// The search domain's contract: what "find anything" takes and answers. No database imports: the
// command palette validates with these too.
import { z } from "zod";

/** How many results each kind of thing shows at most. */
export const SEARCH_LIMIT_PER_KIND = 5;

export const searchInput = z.object({
  q: z.string().trim().min(1, "Type something to search for.").max(100, "Use at most 100 characters."),
});

/** The kinds of things search finds, in the order the palette groups them. */
export const searchKinds = ["machines", "locations", "products", "alerts", "orders"] as const;
export type SearchKind = (typeof searchKinds)[number];

export interface SearchResults {
  machines: { id: string; name: string; serial: string; locationName: string | null }[];
  locations: { id: string; name: string; address: string }[];
  products: { id: string; name: string; sku: string; active: boolean }[];
  /** Unresolved alerts only; `title` is the alert's text as its page shows it. */
  alerts: { id: string; title: string; severity: "info" | "warning" | "critical"; status: "open" | "acknowledged"; machineName: string | null }[];
  orders: { id: string; machineId: string; machineName: string; productName: string; status: string; createdAt: Date }[];
}
