"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "~/server/auth/next-auth";
import { safeCallbackUrl } from "./safe-callback";

export interface SignInState {
  error?: string;
  email?: string;
}

function refusalMessage(code: string | undefined): string {
  const throttled = /^throttled:(\d+)$/.exec(code ?? "");
  if (throttled) {
    const minutes = Math.max(1, Math.ceil(Number(throttled[1]) / 60));
    return `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  }
  return "That e-mail and password do not match an account.";
}

/**
 * Signs in with an e-mail and password, then goes to `callbackUrl` (a path on this site) or to
 * the organizations. Returns the reason when the credentials are refused.
 */
export async function signInWithPassword(input: { email: string; password: string; callbackUrl?: string | null }): Promise<SignInState> {
  const email = input.email.trim();
  if (!email || !input.password) return { error: "Enter your e-mail and password.", email };
  try {
    await signIn("credentials", { email, password: input.password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: refusalMessage(error.code), email };
    throw error;
  }
  redirect(safeCallbackUrl(input.callbackUrl));
}

/** The sign-in form's action (for useActionState). */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  return signInWithPassword({
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
    callbackUrl: String(form.get("callbackUrl") ?? ""),
  });
}

/** Ends the session and goes to the landing page, or to `redirectTo` (a path on this site). */
export async function signOutAction(redirectTo?: string): Promise<void> {
  await signOut({ redirectTo: safeCallbackUrl(redirectTo, "/") });
}
