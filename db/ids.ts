import { randomBytes } from "node:crypto";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text; 22 characters carry about 131 bits, enough to be unguessable. */
export function randomToken(length = 22): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting the top bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

/** A prefixed, unguessable id for anything shown outside: `org_...`, `usr_...`, `mch_...`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken()}`;
}
