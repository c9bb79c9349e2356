import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET, POST } from "~/app/api/auth/[...nextauth]/route";
import { withSafeCallbackUrls } from "./auth-request";

const origin = "http://localhost:3000";
// Each made Auth.js answer 500 "There is a problem with the server configuration".
const unsafe = ["\u0000/orgs", "javascript:alert(1)", "x".repeat(10_000), "https://evil.example/", "/\t/evil.example/"];

describe("withSafeCallbackUrls", () => {
  it.each(unsafe)("replaces the callbackUrl %j with the default page", (callbackUrl) => {
    const request = withSafeCallbackUrls(new NextRequest(`${origin}/api/auth/signin?${new URLSearchParams({ callbackUrl })}`));
    expect(request.nextUrl.searchParams.get("callbackUrl")).toBe("/orgs");
  });

  it("keeps safe targets, relative and on this site, and the request itself when nothing changes", () => {
    const relative = new NextRequest(`${origin}/api/auth/signin?callbackUrl=${encodeURIComponent("/o/acme/sales?x=1")}`);
    expect(withSafeCallbackUrls(relative)).toBe(relative);
    const absolute = new NextRequest(`${origin}/api/auth/signin?callbackUrl=${encodeURIComponent(`${origin}/orgs`)}`);
    expect(withSafeCallbackUrls(absolute)).toBe(absolute);
  });

  it("drops an unsafe callback-url cookie and keeps the other cookies as sent", () => {
    const request = new NextRequest(`${origin}/api/auth/session`, { headers: { cookie: "authjs.csrf-token=a%7Cb; authjs.callback-url=javascript%3Aalert(1); other=1" } });
    const safe = withSafeCallbackUrls(request);
    expect(safe.headers.get("cookie")).toBe("authjs.csrf-token=a%7Cb; other=1");
  });
});

describe("the Auth.js route", () => {
  it.each(unsafe)("redirects to the sign-in page with a safe target for callbackUrl %j", async (callbackUrl) => {
    const response = await GET(new NextRequest(`${origin}/api/auth/signin?${new URLSearchParams({ callbackUrl })}`));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, origin);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toMatch(/^(http:\/\/localhost:3000)?\/orgs$/);
  });

  it("answers a session request carrying an unsafe callback-url cookie", async () => {
    const response = await GET(new NextRequest(`${origin}/api/auth/session`, { headers: { cookie: "authjs.callback-url=%00" } }));
    expect(response.status).toBe(200);
  });

  it("keeps a POST's form body when it rewrites its query", async () => {
    const csrf = await GET(new NextRequest(`${origin}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const response = await POST(
      new NextRequest(`${origin}/api/auth/signout?callbackUrl=%00`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in" }).toString(),
      }),
    );
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!, origin).pathname).toBe("/sign-in");
  });
});
