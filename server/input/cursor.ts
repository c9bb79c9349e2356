import { z } from "zod";

/**
 * Page cursors of keyset pagination: `<time>|<id>` of the last row of the previous page, as the
 * list procedures hand them out in `nextCursor`. Clients treat them as opaque; the server checks
 * them before they reach a query, so a tampered or truncated cursor is a 400 with a message, not a
 * failed cast in the database.
 */

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const MESSAGE = "The page cursor is not valid; start again from the first page.";

/** The position a cursor names, or null when it is malformed. */
export function readPageCursor(cursor: string): { at: Date; atText: string; id: string } | null {
  const split = cursor.indexOf("|");
  if (split < 0) return null;
  const atText = cursor.slice(0, split);
  const id = cursor.slice(split + 1);
  if (!isoInstant.test(atText) || id.length === 0 || id.length > 100) return null;
  const at = new Date(atText);
  // Round-trips only when every field is in range (no 2026-02-30T25:61:00Z) and the year is real.
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 19) !== atText.slice(0, 19) || at.getUTCFullYear() < 1) return null;
  return { at, atText, id };
}

/** The cursor after the row at `at` with `id`. */
export function pageCursorAfter(at: Date, id: string): string {
  return `${at.toISOString()}|${id}`;
}

/** A page cursor as handed out by `pageCursorAfter`; stays a string for the service to read. */
export const pageCursor = z.string().max(200, MESSAGE).refine((cursor) => readPageCursor(cursor) !== null, MESSAGE);
