// Sign-in against hostile clients, over HTTP against the production server: forms posted from
// another site, redirect targets that lead off the site, and made-up X-Forwarded-For headers.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiSignUp, newAccount, type Account } from "../fixtures";

const base = new URL(process.env.E2E_PORT ? `http://localhost:${process.env.E2E_PORT}` : "http://localhost:3100");

/** Posts the credentials to Auth.js as the sign-in form's fallback does; answers where it sends us. */
async function credentialsSignIn(request: APIRequestContext, account: Pick<Account, "email" | "password">, headers: Record<string, string> = {}) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: account.email, password: account.password, csrfToken, callbackUrl: "/orgs" },
    headers,
    maxRedirects: 0,
  });
  return { status: res.status(), location: res.headers()["location"] ?? "" };
}

/** The sign-in form's server action, as the page renders it for browsers without JavaScript. */
async function signInFormFields(request: APIRequestContext): Promise<Record<string, string>> {
  const html = await (await request.get("/sign-in")).text();
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g)) {
    fields[match[1]!] = (match[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  }
  expect(Object.keys(fields).length, "the sign-in form's action fields").toBeGreaterThan(0);
  return fields;
}

const offSite = ["/\t/evil.example/", "/\n/evil.example/", "/\\evil.example", "//evil.example", "/.//evil.example", "https://evil.example/", "http://localhost@evil.example/"];

test("a sign-in form posted from another site is refused with 403, not 500", async ({ request }) => {
  const account = newAccount("origin");
  await apiSignUp(request, account);
  const fields = await signInFormFields(request);
  const res = await request.post("/sign-in", {
    multipart: { ...fields, email: account.email, password: account.password, callbackUrl: "/orgs" },
    headers: { origin: "http://evil.example" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("sent from another site");
  // As a fetch-driven server action too.
  const action = JSON.parse(Object.entries(fields).find(([name]) => name.endsWith(":0"))![1]) as { id: string };
  const fetched = await request.post("/sign-in", {
    headers: { origin: "http://evil.example", "next-action": action.id, "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(fetched.status()).toBe(403);
});

test("after signing in, an off-site callbackUrl goes to the default page and never fails", async ({ request }) => {
  const account = newAccount("redirect");
  await apiSignUp(request, account);
  const fields = await signInFormFields(request);
  for (const callbackUrl of offSite) {
    // Signed out: the form renders.
    expect((await request.get(`/sign-in?${new URLSearchParams({ callbackUrl })}`)).status(), callbackUrl).toBe(200);
    // The form's action signs in and redirects.
    const res = await request.post("/sign-in", {
      multipart: { ...fields, email: account.email, password: account.password, callbackUrl },
      headers: { origin: base.origin },
      maxRedirects: 0,
    });
    expect(res.status(), callbackUrl).toBeLessThan(500);
    const location = new URL(res.headers()["location"] ?? "/", base);
    expect(location.origin, callbackUrl).toBe(base.origin);
    expect(location.pathname, callbackUrl).toBe("/orgs");
    // Signed in: the sign-in page sends us on, to this site only.
    const page = await request.get(`/sign-in?${new URLSearchParams({ callbackUrl })}`, { maxRedirects: 0 });
    expect(page.status(), callbackUrl).toBeLessThan(500);
    expect(new URL(page.headers()["location"] ?? "/", base).origin, callbackUrl).toBe(base.origin);
    // Auth.js's own sign-out endpoint keeps to this site as well.
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await request.post("/api/auth/signout", { form: { csrfToken, callbackUrl }, maxRedirects: 0 });
    expect(out.status(), callbackUrl).toBeLessThan(500);
    expect(new URL(out.headers()["location"] ?? "/", base).origin, callbackUrl).toBe(base.origin);
  }
  // A path on this site is kept.
  const kept = await request.post("/sign-in", {
    multipart: { ...fields, email: account.email, password: account.password, callbackUrl: "/me?tab=points" },
    headers: { origin: base.origin },
    maxRedirects: 0,
  });
  expect(new URL(kept.headers()["location"] ?? "", base).href).toBe(new URL("/me?tab=points", base).href);
});

test("a made-up X-Forwarded-For does not give a client fresh sign-in attempts", async ({ request }) => {
  const account = newAccount("spoof");
  await apiSignUp(request, account);
  for (let i = 1; i <= 5; i++) {
    const failed = await credentialsSignIn(request, { ...account, password: "not the password" }, { "x-forwarded-for": `203.0.113.${i}` });
    expect(failed.location).toContain("error=CredentialsSignin");
  }
  // Before: a new header was a new client, and the guessing could go on (and a guess that hit got a session).
  const blocked = await credentialsSignIn(request, account, { "x-forwarded-for": "203.0.113.99" });
  expect(decodeURIComponent(blocked.location)).toContain("code=throttled:");
  expect(await (await request.get("/api/auth/session")).json()).toBeNull();
});

test("sign-in text no keyboard types gets a form error, not a 500", async ({ request }) => {
  const fields = await signInFormFields(request);
  // (An unpaired surrogate cannot cross HTTP: UTF-8 has no bytes for it, it arrives as U+FFFD.)
  for (const [email, password, message] of [
    ["nul\u0000@example.test", "some password here", "cannot be typed"],
    ["ok@example.test", "tab\tin the password", "cannot be typed"],
    ["a".repeat(100_000), "some password here", "at most 254 characters"],
    ["ok@example.test", "p".repeat(100_000), "200 for the password"],
  ] as const) {
    const res = await request.post("/sign-in", { multipart: { ...fields, email, password, callbackUrl: "/orgs" }, headers: { origin: base.origin }, maxRedirects: 0 });
    expect(res.status(), email.slice(0, 20)).toBe(200);
    expect(await res.text()).toContain(message);
  }
});
