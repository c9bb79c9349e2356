import "server-only";
import { postgresErrorIn } from "./data-exception";

/**
 * Two requests that change the same thing at the same moment can collide in the database: one
 * takes a unique key the other was about to take (23505), or Postgres breaks a serialization
 * failure (40001) or a deadlock (40P01) by failing one of them. Services settle the races they
 * know of with upserts and row locks; this is the safety net that answers a collision that still
 * escapes with 409 and advice the person can follow, instead of a 500, and gets it logged so the
 * service can be fixed.
 */

/** The SQLSTATE of such a collision anywhere in `error`'s cause chain, or null. */
export function concurrentChangeCode(error: unknown): string | null {
  return postgresErrorIn(error, /^(23505|40001|40P01)$/)?.code ?? null;
}

/** Whether `error` is a violation of the unique key named `constraint` (23505). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return postgresErrorIn(error, /^23505$/)?.constraint === constraint;
}

export const CONCURRENT_CHANGE_MESSAGE = "This was changed at the same time by another request; reload and try again.";
