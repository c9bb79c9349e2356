import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { ServiceError } from "../errors";
import { postWebhook } from "./deliveries";
import { isNonPublicAddress, nonPublicTarget, type Resolver } from "./webhook-target";
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
    expect(await nonPublicTarget("http://127.0.0.1:8080/hooks", { allowPrivate: false })).toBe("127.0.0.1");
    expect(await nonPublicTarget("https://[::1]/hooks", { allowPrivate: false })).toBe("::1");
    expect(await nonPublicTarget("http://localhost/hooks", { allowPrivate: false })).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await nonPublicTarget("https://93.184.216.34/hooks", { allowPrivate: false })).toBeNull();
    // Allowed on purpose (WEBHOOK_ALLOW_PRIVATE=true).
    expect(await nonPublicTarget("http://127.0.0.1:8080/hooks", { allowPrivate: true })).toBeNull();
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
      expect(gone).toMatchObject({ ok: false, status: null, error: expect.stringContaining("Could not connect: connect ECONNREFUSED 127.0.0.1:9") });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
