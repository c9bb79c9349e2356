import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { users } from "~/db/schema";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";

/**
 * The language each e-mail address reads mail in: its account's choice, else English (an address
 * with no account, or an account that follows its browser, which a mail cannot ask). Keyed by the
 * address in lower case.
 */
export async function recipientLocales(db: Db, emails: readonly string[]): Promise<Map<string, Locale>> {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  const result = new Map<string, Locale>(wanted.map((e) => [e, DEFAULT_LOCALE]));
  if (wanted.length === 0) return result;
  const rows = await db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, wanted));
  for (const row of rows) if (isLocale(row.locale)) result.set(row.email.toLowerCase(), row.locale);
  return result;
}

/** The language one address reads mail in (see `recipientLocales`). */
export async function recipientLocale(db: Db, email: string): Promise<Locale> {
  return (await recipientLocales(db, [email])).get(email.toLowerCase()) ?? DEFAULT_LOCALE;
}
