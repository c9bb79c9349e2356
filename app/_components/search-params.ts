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
