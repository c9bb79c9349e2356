import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { ServiceError } from "../errors";
import { postWebhook } from "./deliveries";
import { isNonPublicAddress, nonPublicTarget } from "./webhook-target";
import { createEndpoint, updateEndpoint } from "./webhooks";

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

  it("resolves the URL's host, literal or by name", async () => {
    expect(await nonPublicTarget("http://127.0.0.1:8080/hooks", false)).toBe("127.0.0.1");
    expect(await nonPublicTarget("https://[::1]/hooks", false)).toBe("::1");
    expect(await nonPublicTarget("http://localhost/hooks", false)).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await nonPublicTarget("https://93.184.216.34/hooks", false)).toBeNull();
    // Allowed on purpose (WEBHOOK_ALLOW_PRIVATE=true).
    expect(await nonPublicTarget("http://127.0.0.1:8080/hooks", true)).toBeNull();
  });

  it("refuses to save an endpoint on a private address, with a message on the URL field", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const attempt = asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: "http://169.254.169.254/latest/meta-data" }, { allowPrivate: false }));
    await expect(attempt).rejects.toBeInstanceOf(ServiceError);
    await expect(attempt).rejects.toMatchObject({ kind: "BAD_REQUEST", fieldErrors: { url: [expect.stringContaining("169.254.169.254, which is not a public address")] } });
    const { endpoint } = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: "https://93.184.216.34/hooks" }, { allowPrivate: false }));
    await expect(
      asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateEndpoint(ctx, { endpointId: endpoint.id, url: "http://10.0.0.5/hooks" }, { allowPrivate: false })),
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
});
