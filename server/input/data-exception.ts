/**
 * Postgres SQLSTATE class 22 ("data exception": a value out of range, malformed text for a type,
 * an invalid byte sequence) means a value from the request reached the database unchecked. Input
 * schemas are meant to stop every such value first; this is the safety net that turns one that got
 * through into a 400 instead of a 500, and gets it logged so the schema can be fixed.
 */

/** The SQLSTATE of a data exception anywhere in `error`'s cause chain, or null. */
export function dataExceptionCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return code;
    current = current.cause;
  }
  return null;
}

export const DATA_EXCEPTION_MESSAGE = "One of the values is out of range or not in the expected format. Check what you entered and try again.";
