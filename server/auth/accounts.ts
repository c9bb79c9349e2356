import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { users } from "~/db/schema";
import { ServiceError, fieldError } from "../errors";
import { authMessages, signInInput, signUpInput, type SessionUser, type SignUpInput } from "./contract";
import { dummyPasswordHash, hashPassword, passwordWeakness, verifyPassword } from "./password";
import { assertNotThrottled, clearClientFailures, recordFailure, throttleKeys } from "./throttle";
import { isLocale } from "../i18n/locales";

// Accounts live outside any organization, so these functions run on the owner connection.

/** Creates an account. The unique index on lower(email) settles races between two sign-ups. */
export async function signUp(db: Db, raw: SignUpInput): Promise<SessionUser> {
  const input = signUpInput.parse(raw);
  const weakness = passwordWeakness(input.password, [input.name, input.email, ...input.email.split(/[@.]/)]);
  if (weakness) throw fieldError("password", weakness.message, weakness.params);
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ id: newId("usr"), email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw new ServiceError("CONFLICT", authMessages.email_taken, {}, { field: "email" });
  return { ...user, locale: null };
}

/**
 * Checks an e-mail and password, throttled per account and client, per account and per client
 * (see throttle.ts). Returns the user, or throws UNAUTHORIZED (wrong credentials, without saying
 * which) or TOO_MANY_REQUESTS (saying when to retry).
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string | null },
): Promise<SessionUser> {
  const { email, password } = signInInput.parse(input);
  const keys = throttleKeys(email, input.ip);
  await assertNotThrottled(db, keys);
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await recordFailure(db, keys);
    throw new ServiceError("UNAUTHORIZED", authMessages.credentials_mismatch);
  }
  await clearClientFailures(db, { email, ip: input.ip });
  return { id: user.id, email: user.email, name: user.name, locale: isLocale(user.locale) ? user.locale : null };
}

/** The account behind a session, or null if it no longer exists. */
export async function findUser(db: Db, userId: string): Promise<SessionUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ? { ...user, locale: isLocale(user.locale) ? user.locale : null } : null;
}

/** Saves the language a person reads the app in; null goes back to following their browser. */
export async function setUserLocale(db: Db, { userId, locale }: { userId: string; locale: string | null }): Promise<void> {
  if (locale !== null && !isLocale(locale)) throw fieldError("locale", authMessages.locale_unknown, { locale });
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
