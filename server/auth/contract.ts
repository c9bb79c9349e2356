// The auth domain's contract: accounts and credentials as the sign-up and sign-in forms know them.
// No database imports: the browser validates with these too.
import { z } from "zod";
import { defineMessages, renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;

/** Who is signed in, as every page and procedure sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** The language they chose; null follows the browser. */
  locale?: Locale | null;
}

export const authMessages = defineMessages("auth", {
  email_taken: "An account with this e-mail already exists. Sign in instead.",
  credentials_mismatch: "That e-mail and password do not match an account.",
  throttled_minute: "Too many failed sign-ins. Try again in a minute.",
  throttled_minutes: "Too many failed sign-ins. Try again in {minutes} minutes.",
  password_too_short: "Use at least {min} characters.",
  password_too_long: "Use at most {max} characters.",
  password_guessable: "This password is too easy to guess. Add a few uncommon words or mix in numbers and symbols.",
  credentials_missing: "Enter your e-mail and password.",
  credentials_too_long: "Use at most {emailMax} characters for the e-mail and {passwordMax} for the password.",
  credentials_untypable: "The e-mail or password contains characters that cannot be typed (such as a null character). Type them again.",
  locale_unknown: "The app is not available in {locale}. Choose English or Simplified Chinese.",
});

export const emailSchema = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH, `Use at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email("Enter an e-mail address like name@example.com."))
  .transform((v) => v.toLowerCase());

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  // How guessable the password is, the server checks (against the name and e-mail too).
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, renderMessage(authMessages.password_too_short, { min: PASSWORD_MIN_LENGTH }))
    .max(PASSWORD_MAX_LENGTH, renderMessage(authMessages.password_too_long, { max: PASSWORD_MAX_LENGTH })),
});
export type SignUpInput = z.input<typeof signUpInput>;

/**
 * Why a typed e-mail or password cannot be checked at all, or null: the text must be well-formed
 * (no unpaired surrogate halves) and free of control characters, which no keyboard types and
 * Postgres refuses (NUL), and of a length a real address or password has.
 */
export function credentialTextProblem(email: unknown, password: unknown): string | null {
  if (typeof email !== "string" || typeof password !== "string" || !email.trim() || !password) {
    return renderMessage(authMessages.credentials_missing);
  }
  if (email.length > EMAIL_MAX_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return renderMessage(authMessages.credentials_too_long, { emailMax: EMAIL_MAX_LENGTH, passwordMax: PASSWORD_MAX_LENGTH });
  }
  if (!email.isWellFormed() || !password.isWellFormed() || /[\u0000-\u001f\u007f]/.test(email + password)) {
    return renderMessage(authMessages.credentials_untypable);
  }
  return null;
}

export const signInInput = z
  .object({ email: z.string().trim().max(EMAIL_MAX_LENGTH), password: z.string().max(PASSWORD_MAX_LENGTH) })
  .refine((v) => credentialTextProblem(v.email, v.password) === null, "Unusable e-mail or password.");
