// Helpers for specs that need people and organizations but do not test the forms that make them:
// accounts are created through the tRPC API and signed in through Auth.js's own endpoint.
import { test as base, expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { e2eStateFile } from "./state";

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** A fresh, unique account (not created yet) with a password strong enough for sign-up. */
export function newAccount(label = "user"): Account {
  const id = randomBytes(5).toString("hex");
  const name = `${label.charAt(0).toUpperCase()}${label.slice(1)} ${id}`;
  return { name, email: `${label}-${id}@e2e.example`, password: `Quiet-harbour-${id}-lantern` };
}

/** Calls a tRPC mutation over HTTP (superjson on the wire) and returns its result. */
export async function trpcMutation<T = unknown>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${path} answered ${res.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data.json;
}

export async function apiSignUp(request: APIRequestContext, account: Account): Promise<void> {
  await trpcMutation(request, "auth.signUp", account);
}

/** Signs the browser context in (its cookie jar gets the session) without the form. */
export async function apiSignIn(context: BrowserContext, account: Pick<Account, "email" | "password">): Promise<void> {
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken, callbackUrl: "/orgs" },
    maxRedirects: 0,
  });
  const session = (await (await context.request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  expect(session?.user?.email, `signed in as ${account.email}`).toBe(account.email.toLowerCase());
}

/** Creates an organization as the signed-in user of `context`; returns its id and slug. */
export async function apiCreateOrg(context: BrowserContext, name: string): Promise<{ id: string; slug: string; name: string }> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return trpcMutation(context.request, "org.create", { name, slug, timeZone: "Europe/Berlin", currency: "EUR" });
}

/** The demo people's password, from the data directory of the server e2e/serve.ts started. */
export function demoPassword(): string {
  const { dataDir } = JSON.parse(readFileSync(e2eStateFile(process.env.E2E_PORT ?? 3100), "utf8")) as { dataDir: string };
  return (JSON.parse(readFileSync(`${dataDir}/secrets.json`, "utf8")) as { DEMO_PASSWORD: string }).DEMO_PASSWORD;
}

export const DEMO_ORG = { name: "Demo Vending", slug: "demo-vending" };
export const demoEmail = (role: "owner" | "manager" | "technician" | "viewer") => `${role}@demo-vending.example`;

/** `member`: a new account, signed up through the API and signed in on this test's page. */
export const test = base.extend<{ member: Account }>({
  member: async ({ context }, provide) => {
    const account = newAccount("member");
    await apiSignUp(context.request, account);
    await apiSignIn(context, account);
    await provide(account);
  },
});

export { expect };
