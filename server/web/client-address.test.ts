import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceError } from "~/server/errors";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD, createUser } from "~/test/factories";
import { throttleLimits, verifyCredentials } from "~/server/auth";
import { clientAddress, recordSocketAddress, type ClientAddressSetting } from "./client-address";

const direct: ClientAddressSetting = { vercel: false, trustedProxyHops: 0 };
const behindOneProxy: ClientAddressSetting = { vercel: false, trustedProxyHops: 1 };
const onVercel: ClientAddressSetting = { vercel: true, trustedProxyHops: 0 };
const headers = (init: Record<string, string>) => new Headers(init);

describe("clientAddress", () => {
  it("without a trusted proxy, believes only the last entry: the socket's, appended by our server", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), direct)).toBe("203.0.113.9");
    expect(clientAddress(headers({ "x-forwarded-for": "::ffff:127.0.0.1" }), direct)).toBe("127.0.0.1");
    expect(clientAddress(headers({ "x-forwarded-for": "2001:DB8::1" }), direct)).toBe("2001:db8::1");
    expect(clientAddress(headers({ "x-real-ip": "6.6.6.6" }), direct)).toBeNull();
    expect(clientAddress(headers({}), direct)).toBeNull();
  });

  it("with TRUSTED_PROXY_HOPS, takes the entry that many places before the socket's", () => {
    // Client says 6.6.6.6, our proxy saw 198.51.100.7 and appended it, our server appended the proxy.
    const chain = headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" });
    expect(clientAddress(chain, behindOneProxy)).toBe("198.51.100.7");
    expect(clientAddress(chain, { vercel: false, trustedProxyHops: 2 })).toBe("6.6.6.6");
    // Fewer entries than proxies: the leftmost is the best there is.
    expect(clientAddress(headers({ "x-forwarded-for": "10.0.0.2" }), behindOneProxy)).toBe("10.0.0.2");
  });

  it("on Vercel, believes the platform's header and not X-Forwarded-For's first entry", () => {
    expect(clientAddress(headers({ "x-vercel-forwarded-for": "198.51.100.8", "x-forwarded-for": "6.6.6.6" }), onVercel)).toBe("198.51.100.8");
    expect(clientAddress(headers({ "x-real-ip": "198.51.100.9", "x-forwarded-for": "6.6.6.6" }), onVercel)).toBe("198.51.100.9");
  });

  it("refuses entries that are not addresses, so a client cannot mint keys", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "not-an-address" }), direct)).toBeNull();
    expect(clientAddress(headers({ "x-forwarded-for": `${"a".repeat(5000)}` }), direct)).toBeNull();
    expect(clientAddress(headers({ "x-vercel-forwarded-for": "evil" }), onVercel)).toBeNull();
  });
});

// Over HTTP: a server wrapped as scripts/app-server.ts wraps Next.js, whose handler signs in as the
// Credentials provider does, keyed on clientAddress of the headers it receives.
let t: TestDatabase;
let url = "";
let setting = direct;
const server = createServer(
  recordSocketAddress((request, response) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { email: string; password: string };
      const ip = clientAddress(toHeaders(request.headers), setting);
      try {
        await verifyCredentials(t.db, { ...body, ip });
        response.writeHead(200).end(JSON.stringify({ ip }));
      } catch (error) {
        response.writeHead(error instanceof ServiceError && error.kind === "TOO_MANY_REQUESTS" ? 429 : 401).end(JSON.stringify({ ip }));
      }
    })();
  }),
);
const toHeaders = (raw: IncomingHttpHeaders) => new Headers(Object.entries(raw).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));

beforeAll(async () => {
  t = await createTestDatabase();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.drop();
});

async function signIn(email: string, password: string, forwardedFor?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, ip: ((await response.json()) as { ip: string | null }).ip };
}

describe("sign-in throttle over HTTP", () => {
  it("keys on the socket's address: a made-up X-Forwarded-For gives no fresh counter", async () => {
    setting = direct;
    const user = await createUser(t.db);
    for (let i = 0; i < throttleLimits.accountClient.failures; i++) {
      expect(await signIn(user.email, "wrong password", `203.0.113.${i + 1}`)).toEqual({ status: 401, ip: "127.0.0.1" });
    }
    // Before: the leftmost X-Forwarded-For was the key, and a new one let the guessing go on.
    expect((await signIn(user.email, TEST_PASSWORD, "203.0.113.200")).status).toBe(429);
    expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(429);
  });

  it("behind a trusted proxy, keys on the address that proxy reports", async () => {
    setting = behindOneProxy;
    const user = await createUser(t.db);
    // The test client plays the proxy: its X-Forwarded-For entry is the client it saw.
    for (let i = 0; i < throttleLimits.accountClient.failures; i++) {
      expect(await signIn(user.email, "wrong password", "198.51.100.50")).toEqual({ status: 401, ip: "198.51.100.50" });
    }
    expect((await signIn(user.email, TEST_PASSWORD, "198.51.100.50")).status).toBe(429);
    // Another client behind the same proxy is another client: the owner gets in.
    expect(await signIn(user.email, TEST_PASSWORD, "198.51.100.51")).toEqual({ status: 200, ip: "198.51.100.51" });
  });
});
