import "server-only";
/**
 * Postgres SQLSTATE class 22 ("data exception": a value out of range, malformed text for a type,
 * an invalid byte sequence) means a value from the request reached the database unchecked. Input
 * schemas are meant to stop every such value first; this is the safety net that turns one that got
 * through into a 400 instead of a 500, and gets it logged so the schema can be fixed.
 */

/**
 * The first Postgres error in `error`'s cause chain whose SQLSTATE matches `pattern`, or null.
 * Drivers and Drizzle wrap the server's error, so the SQLSTATE sits a few causes deep.
 */
export function postgresErrorIn(error: unknown, pattern: RegExp): { code: string; constraint?: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && pattern.test(code)) return { code, constraint: typeof constraint === "string" ? constraint : undefined };
    current = current.cause;
  }
  return null;
}

/** The SQLSTATE of a data exception anywhere in `error`'s cause chain, or null. */
export function dataExceptionCode(error: unknown): string | null {
  return postgresErrorIn(error, /^22[0-9A-Z]{3}$/)?.code ?? null;
}

export const DATA_EXCEPTION_MESSAGE = "One of the values is out of range or not in the expected format. Check what you entered and try again.";
