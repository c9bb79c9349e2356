import { expect, request as requests, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_ORG, demoEmail, demoPassword } from "../fixtures";

// Every kind of answer carries the security headers: pages (with a per-response nonce in their
// Content-Security-Policy, and no eval), redirects, API JSON, downloads and the 404 page.
const org = `/o/${DEMO_ORG.slug}`;

function expectSecurityHeaders(res: APIResponse, what: string) {
  const headers = res.headers();
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).not.toContain("unsafe-eval");
  // The e2e server's APP_URL is http://localhost: no HSTS there (the unit test covers https).
  expect(headers["strict-transport-security"], what).toBeUndefined();
  return policy;
}

/** The nonce of a page's policy; every script tag of the page must carry it. */
async function expectNoncedPage(res: APIResponse, what: string) {
  const policy = expectSecurityHeaders(res, what);
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, `${what}: a nonce in ${policy}`).toBeTruthy();
  expect(policy, what).toContain("'strict-dynamic'");
  const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, what).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  return nonce!;
}

async function signedIn(baseURL: string): Promise<APIRequestContext> {
  const context = await requests.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.post("/api/auth/callback/credentials", {
    form: { email: demoEmail("owner"), password: demoPassword(), csrfToken, callbackUrl: "/orgs" },
    maxRedirects: 0,
  });
  return context;
}

test("pages get a fresh nonce per answer on every script, and no eval", async ({ request }) => {
  const first = await expectNoncedPage(await request.get("/"), "home page");
  const second = await expectNoncedPage(await request.get("/"), "home page again");
  expect(second).not.toBe(first);
  await expectNoncedPage(await request.get("/sign-in"), "sign-in page");
  await expectNoncedPage(await request.get("/sign-up"), "sign-up page");
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  await expectNoncedPage(missing, "404 page");
});

test("operator pages, the consumer checkout, API answers and downloads carry the headers", async ({ baseURL }) => {
  const owner = await signedIn(baseURL!);
  await expectNoncedPage(await owner.get(org), "org overview");
  await expectNoncedPage(await owner.get(`${org}/sales?status=failed`), "sales");

  const list = await owner.get(`/api/trpc/machines.list?input=${encodeURIComponent(JSON.stringify({ json: { orgId: await orgId(owner) } }))}`);
  expect(list.status()).toBe(200);
  expectSecurityHeaders(list, "tRPC answer");
  const machines = ((await list.json()) as { result: { data: { json: { id: string }[] | { machines: { id: string }[] } } } }).result.data.json;
  const machineId = (Array.isArray(machines) ? machines : machines.machines)[0]!.id;
  await expectNoncedPage(await owner.get(`/m/${machineId}`), "consumer checkout");
  await expectNoncedPage(await owner.get("/me"), "consumer account");

  const csv = await owner.get(`${org}/sales/export.csv?status=failed`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expectSecurityHeaders(csv, "sales CSV");
  const month = new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString().slice(0, 7);
  const pdf = await owner.get(`${org}/statistics/export.pdf?month=${month}`);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expectSecurityHeaders(pdf, "statistics PDF");
  await owner.dispose();
});

test("answers outside the pages carry the strict policy for non-documents", async ({ request }) => {
  for (const path of ["/api/health", "/api/auth/session", "/api/trpc/checkout.menu?input=%7B%7D"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBeLessThan(500);
    expect(expectSecurityHeaders(res, path)).toContain("default-src 'none'");
  }
  const signIn = await request.get(`${org}/sales`, { maxRedirects: 0 });
  expect(signIn.status()).toBe(307);
  expect(signIn.headers()["location"]).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`${org}/sales`)}`);
  expectSecurityHeaders(signIn, "sign-in redirect");
  for (const file of ["/robots.txt", "/favicon.ico", "/apple-touch-icon.png"]) {
    const res = await request.get(file);
    expect(res.status(), file).toBe(200);
    expectSecurityHeaders(res, file);
  }
  expect(await (await request.get("/robots.txt")).text()).toMatch(/Disallow: \/o\/[\s\S]*Disallow: \/api\//);
});

async function orgId(owner: APIRequestContext): Promise<string> {
  const res = await owner.get("/api/trpc/org.mine");
  const orgs = ((await res.json()) as { result: { data: { json: { id: string; slug: string }[] } } }).result.data.json;
  return orgs.find((o) => o.slug === DEMO_ORG.slug)!.id;
}
