"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { authMessages, credentialTextProblem } from "~/server/auth";
import { renderMessage } from "~/server/errors";
import { safeCallbackUrl, signIn, signOut } from "~/server/web";

export interface SignInState {
  error?: string;
  email?: string;
}

async function refusalMessage(code: string | undefined): Promise<string> {
  const throttled = /^throttled:(\d+)$/.exec(code ?? "");
  if (throttled) {
    const minutes = Math.max(1, Math.ceil(Number(throttled[1]) / 60));
    return (await getTranslations("auth"))("tooManyAttempts", { minutes });
  }
  return renderMessage(authMessages.credentials_mismatch);
}

/**
 * Signs in with an e-mail and password, then goes to `callbackUrl` (a path on this site) or to
 * the organizations. Returns the reason when the credentials are refused.
 */
export async function signInWithPassword(input: { email: string; password: string; callbackUrl?: string | null }): Promise<SignInState> {
  // A server action is an endpoint anyone can post anything to: check the shape before using it.
  const { email: rawEmail, password, callbackUrl } = (typeof input === "object" && input) || ({} as Partial<typeof input>);
  const problem = credentialTextProblem(rawEmail, password);
  if (problem) return { error: problem, email: typeof rawEmail === "string" && rawEmail.length <= 254 && rawEmail.isWellFormed() ? rawEmail.trim() : "" };
  const email = (rawEmail as string).trim();
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: await refusalMessage(error.code), email };
    throw error;
  }
  redirect(safeCallbackUrl(callbackUrl));
}

/** The sign-in form's action (for useActionState). */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  // A field sent as a file, or a form that is not a form at all, reads as missing.
  const field = (name: string) => (form instanceof FormData ? form.get(name) : null);
  const text = (name: string) => {
    const value = field(name);
    return typeof value === "string" ? value : "";
  };
  return signInWithPassword({ email: text("email"), password: text("password"), callbackUrl: text("callbackUrl") });
}

/** Ends the session and goes to the landing page, or to `redirectTo` (a path on this site). */
export async function signOutAction(redirectTo?: string): Promise<void> {
  await signOut({ redirectTo: safeCallbackUrl(redirectTo, "/") });
}
