import { textProblem } from "~/server/input/text";

/** A page's `searchParams` prop as URLSearchParams (first value of repeated keys), like the browser's. */
export function toSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  return params;
}

/** Read access shared by URLSearchParams and Next's ReadonlyURLSearchParams. */
export interface QueryReader {
  get(name: string): string | null;
}

/**
 * An id from the address (`?machineId=mch_...`), or undefined when it is missing or could not be
 * an id. The procedures refuse such a value with 400; a page drops it instead and shows everything,
 * so a hand-edited or truncated link never turns into an error page.
 */
export function idParam(params: QueryReader, key: string): string | undefined {
  const value = params.get(key)?.trim();
  return value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}

/**
 * Free text from the address (a search), trimmed to `maxLength` characters, or undefined when it is
 * empty or holds characters the procedures refuse (NUL, control characters, broken characters).
 */
export function textParam(params: QueryReader, key: string, maxLength = 100): string | undefined {
  const value = params.get(key)?.trim();
  if (!value || textProblem(value)) return undefined;
  // Cut by characters, not UTF-16 units, so the cut never leaves half of a character behind.
  return Array.from(value).slice(0, maxLength).join("").trim() || undefined;
}
