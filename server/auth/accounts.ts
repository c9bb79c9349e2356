import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { users } from "~/db/schema";
import { ServiceError, fieldError } from "../errors";
import { PASSWORD_MAX_LENGTH, dummyPasswordHash, hashPassword, passwordWeakness, verifyPassword } from "./password";
import { assertNotThrottled, clearClientFailures, recordFailure, throttleKeys } from "./throttle";

// Accounts live outside any organization, so these functions run on the owner connection.

export const emailSchema = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter an e-mail address like name@example.com."))
  .transform((v) => v.toLowerCase());

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  password: z.string().max(200, "Use at most 200 characters."),
});
export type SignUpInput = z.input<typeof signUpInput>;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** Creates an account. The unique index on lower(email) settles races between two sign-ups. */
export async function signUp(db: Db, raw: SignUpInput): Promise<SessionUser> {
  const input = signUpInput.parse(raw);
  const weakness = passwordWeakness(input.password, [input.name, input.email, ...input.email.split(/[@.]/)]);
  if (weakness) throw fieldError("password", weakness);
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ id: newId("usr"), email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) {
    throw new ServiceError("CONFLICT", "An account with this e-mail already exists. Sign in instead.", {
      fieldErrors: { email: ["An account with this e-mail already exists. Sign in instead."] },
    });
  }
  return user;
}

/**
 * Why a typed e-mail or password cannot be checked at all, or null: the text must be well-formed
 * (no unpaired surrogate halves) and free of control characters, which no keyboard types and
 * Postgres refuses (NUL), and of a length a real address or password has.
 */
export function credentialTextProblem(email: unknown, password: unknown): string | null {
  if (typeof email !== "string" || typeof password !== "string" || !email.trim() || !password) {
    return "Enter your e-mail and password.";
  }
  if (email.length > 254 || password.length > PASSWORD_MAX_LENGTH) {
    return `Use at most 254 characters for the e-mail and ${PASSWORD_MAX_LENGTH} for the password.`;
  }
  if (!email.isWellFormed() || !password.isWellFormed() || /[\u0000-\u001f\u007f]/.test(email + password)) {
    return "The e-mail or password contains characters that cannot be typed (such as a null character). Type them again.";
  }
  return null;
}

export const signInInput = z
  .object({ email: z.string().trim().max(254), password: z.string().max(PASSWORD_MAX_LENGTH) })
  .refine((v) => credentialTextProblem(v.email, v.password) === null, "Unusable e-mail or password.");

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
    throw new ServiceError("UNAUTHORIZED", "That e-mail and password do not match an account.");
  }
  await clearClientFailures(db, email, input.ip);
  return { id: user.id, email: user.email, name: user.name };
}

/** The account behind a session, or null if it no longer exists. */
export async function findUser(db: Db, userId: string): Promise<SessionUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ?? null;
}
