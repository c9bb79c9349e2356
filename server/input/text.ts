/**
 * Text the product accepts from outside: any Unicode text except NUL, the control characters that
 * are not line breaks or tabs (C0, DEL, C1) and unpaired UTF-16 surrogates. Postgres cannot store
 * NUL at all, and none of these has a meaning in a name, note or id, so they are refused where
 * input enters (the tRPC procedure ladder, route handlers), once for every field.
 */

export interface UnsafeText {
  /** Where the text is, as `field.sub[2]` (empty for a bare string). */
  path: string;
  /** What to fix, in words the sender can act on. */
  message: string;
}

// Tab (U+0009), line feed (U+000A) and carriage return (U+000D) are ordinary text.
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `text` is refused, or null when it is acceptable. */
export function textProblem(text: string): string | null {
  const control = controlCharacter.exec(text);
  if (control) {
    const which = control[0] === "\u0000" ? "a NUL character (U+0000)" : `a control character (${hex(control[0])})`;
    return `contains ${which} at position ${control.index + 1}; remove it and try again.`;
  }
  const surrogate = unpairedSurrogate.exec(text);
  if (surrogate) return `contains an incomplete character (${hex(surrogate[0])}) at position ${surrogate.index + 1}; remove it and try again.`;
  return null;
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/**
 * A string (value or object key) anywhere in `value` that the product refuses, or null. Walks
 * iteratively, so a deeply nested hostile input cannot overflow the stack.
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      const problem = textProblem(current);
      if (problem) return { path, message: `${path || "The text"} ${problem}` };
      continue;
    }
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: join(path, i) }));
      continue;
    }
    if (current instanceof Date) continue;
    if (current instanceof Map || current instanceof Set) {
      for (const item of current instanceof Map ? [...current].flat() : current) stack.push({ value: item, path });
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return { path, message: `The field name ${JSON.stringify(key.slice(0, 40))} ${keyProblem}` };
      stack.push({ value: item, path: join(path, key) });
    }
  }
  return null;
}
