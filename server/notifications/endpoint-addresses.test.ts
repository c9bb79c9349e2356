import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { ServiceError } from "../errors";
import { networkInterfaces } from "node:os";
import { COULD_NOT_CONNECT, postWebhook } from "./outbound-webhooks";
import { isNonPublicAddress, nonPublicTarget, specialPurposeRanges, type Resolver } from "./endpoint-addresses";
import { createEndpoint, updateEndpoint } from "./webhook-endpoints";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("webhook targets", () => {
  it("tells public addresses from loopback, private, link-local and mapped ones", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.10", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:7f00:1", "not an address"]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111"]) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });

  // One address inside each special-purpose range (its first, one in the middle, its last), and
  // the public address just outside it where there is one.
  it.each(specialPurposeRanges.map((r) => [`${r.network}/${r.prefix}`, r] as const))("refuses every address in %s", (_name, range) => {
    for (const address of sampleAddresses(range)) expect(isNonPublicAddress(address, () => []), address).toBe(true);
  });

  it.each([
    ["192.0.2.1", "TEST-NET-1"],
    ["198.51.100.77", "TEST-NET-2"],
    ["203.0.113.200", "TEST-NET-3"],
    ["198.19.255.254", "benchmarking"],
    ["0.1.2.3", "this network"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["192.0.0.9", "protocol assignments"],
    ["64:ff9b::a00:1", "NAT64"],
    ["64:ff9b:1::1", "local-use NAT64"],
    ["100::1", "discard-only"],
    ["2001::1", "Teredo"],
    ["2001:2::1", "benchmarking"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2002:c000:201::1", "6to4"],
    ["::ffff:198.18.0.1", "IPv4-mapped benchmarking"],
  ])("refuses %s (%s)", (address) => {
    expect(isNonPublicAddress(address, () => [])).toBe(true);
  });

  it("still accepts public addresses next to the special ranges", () => {
    for (const address of ["192.0.1.255", "192.0.3.0", "198.17.255.255", "198.20.0.0", "203.0.114.1", "223.255.255.255", "2001:200::1", "2003::1", "2606:4700::1"]) {
      expect(isNonPublicAddress(address, () => []), address).toBe(false);
    }
  });

  it("refuses this host's own addresses, whatever range they are in", async () => {
    const own = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
    expect(own.length).toBeGreaterThan(0);
    for (const address of own) expect(isNonPublicAddress(address), address).toBe(true);
    // A public address of this host is refused too, and only while it is this host's.
    expect(isNonPublicAddress("93.184.216.34", () => ["93.184.216.34"])).toBe(true);
    expect(isNonPublicAddress("::ffff:93.184.216.34", () => ["93.184.216.34"])).toBe(true);
    expect(await nonPublicTarget("https://93.184.216.34:8443/hooks", { allowPrivate: false, ownAddresses: () => ["93.184.216.34"] })).toBe("93.184.216.34");
    expect(await nonPublicTarget("https://hooks.example.com/x", { allowPrivate: false, ownAddresses: () => ["93.184.216.34"], resolve: async () => [{ address: "93.184.216.34", family: 4 }] })).toBe("93.184.216.34");
    expect(isNonPublicAddress("93.184.216.34", () => ["93.184.216.35"])).toBe(false);
  });

  it("resolves the URL's host, literal or by name", async () => {
    expect(await nonPublicTarget("http://127.0.0.1:8080/hooks", { allowPrivate: false })).toBe("127.0.0.1");
    expect(await nonPublicTarget("https://[::1]/hooks", { allowPrivate: false })).toBe("::1");
    expect(await nonPublicTarget("http://localhost/hooks", { allowPrivate: false })).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await nonPublicTarget("https://93.184.216.34/hooks", { allowPrivate: false })).toBeNull();
    // Allowed on purpose (WEBHOOK_ALLOW_PRIVATE=true).
    expect(await nonPublicTarget("http://127.0.0.1:8080/hooks", { allowPrivate: true })).toBeNull();
  });

  it("refuses to save an endpoint on a private address, with a message on the URL field", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const attempt = asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: "http://169.254.169.254/latest/meta-data", network: { allowPrivate: false } }));
    await expect(attempt).rejects.toBeInstanceOf(ServiceError);
    await expect(attempt).rejects.toMatchObject({ kind: "BAD_REQUEST", fieldErrors: { url: [expect.stringContaining("169.254.169.254, which is not a public address")] } });
    const { endpoint } = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: "https://93.184.216.34/hooks", network: { allowPrivate: false } }));
    await expect(
      asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateEndpoint(ctx, { endpointId: endpoint.id, url: "http://10.0.0.5/hooks", network: { allowPrivate: false } })),
    ).rejects.toMatchObject({ kind: "BAD_REQUEST" });
  });

  it("does not send a delivery to a host that now reaches a private address", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://localhost:${(server.address() as AddressInfo).port}/hooks`;
      const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
      const refused = await postWebhook(url, secret, "msg_1", { type: "webhook.test" }, { allowPrivate: false });
      expect(refused).toMatchObject({ ok: false, status: null, error: expect.stringContaining("not a public address") });
      expect(hits).toBe(0);
      // The same receiver, allowed: it is reached.
      expect(await postWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, secret, "msg_2", { type: "webhook.test" }, { allowPrivate: true })).toMatchObject({ ok: true });
      expect(hits).toBe(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("connects only to the address it checked, even when the name's answer changes in between", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
      // A rebinding name: public when checked, loopback when the connection looks it up again.
      const answers = [[{ address: "93.184.216.34", family: 4 }], [{ address: "127.0.0.1", family: 4 }]];
      let asked = 0;
      const rebinding: Resolver = async () => answers[Math.min(asked++, answers.length - 1)]!;
      const refused = await postWebhook(`http://hooks.example.com:${port}/hooks`, secret, "msg_3", { type: "webhook.test" }, { allowPrivate: false, resolve: rebinding });
      expect(refused).toMatchObject({ ok: false, status: null, error: expect.stringContaining("127.0.0.1, which is not a public address") });
      expect(asked).toBe(2);
      expect(hits).toBe(0);
      // The connection goes where the checked lookup says: the same name, allowed, reaches the receiver.
      const loopback: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
      expect(await postWebhook(`http://hooks.example.com:${port}/hooks`, secret, "msg_4", { type: "webhook.test" }, { allowPrivate: true, resolve: loopback })).toMatchObject({ ok: true, status: 200 });
      expect(hits).toBe(1);
      // A receiver that is not there is a failed attempt that says why.
      const gone = await postWebhook("http://127.0.0.1:9/hooks", secret, "msg_5", { type: "webhook.test" }, { allowPrivate: true });
      // It says so without the socket's error, which would tell which hosts and ports answer.
      expect(gone).toMatchObject({ ok: false, status: null, error: COULD_NOT_CONNECT });
      expect(gone.error).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:9\b/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/** The first, a middle and the last address of a range. */
function sampleAddresses(range: { network: string; prefix: number; family: "ipv4" | "ipv6" }): string[] {
  const bits = range.family === "ipv4" ? 32 : 128;
  const start = range.family === "ipv4" ? ipv4ToBig(range.network) : ipv6ToBig(range.network);
  const size = 1n << BigInt(bits - range.prefix);
  const write = range.family === "ipv4" ? bigToIpv4 : bigToIpv6;
  return [start, start + size / 2n, start + size - 1n].map(write);
}
const ipv4ToBig = (a: string) => a.split(".").reduce((n, part) => (n << 8n) + BigInt(part), 0n);
const bigToIpv4 = (n: bigint) => [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
function ipv6ToBig(a: string): bigint {
  const [head, tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.reduce((n, g) => (n << 16n) + BigInt(parseInt(g, 16)), 0n);
}
const bigToIpv6 = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":");
