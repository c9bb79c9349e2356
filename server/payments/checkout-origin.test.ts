import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { createMachineWithPlanogram, eventId, sendEvents } from "~/test/machines";
import { checkoutBaseUrl, requestOrigin } from "./checkout-origin";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const headers = (h: Record<string, string>) => new Headers(h);

describe("the origin a request was made to", () => {
  it("is the Host the consumer's phone used, with the browser's scheme", () => {
    expect(requestOrigin(headers({ host: "192.168.1.20:3000", origin: "http://192.168.1.20:3000" }))).toBe("http://192.168.1.20:3000");
    expect(requestOrigin(headers({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(headers({ host: "Shop.Example", origin: "https://shop.example" }))).toBe("https://shop.example");
    expect(requestOrigin(headers({ host: "shop.example", "x-forwarded-proto": "https" }))).toBe("https://shop.example");
    expect(requestOrigin(headers({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
  });

  it("never takes another site's Origin, and refuses a malformed Host", () => {
    expect(requestOrigin(headers({ host: "192.168.1.20:3000", origin: "https://evil.example" }))).toBe("http://192.168.1.20:3000");
    expect(requestOrigin(headers({ host: "192.168.1.20:3000", origin: "javascript://192.168.1.20:3000" }))).toBe("http://192.168.1.20:3000");
    expect(requestOrigin(headers({ host: "192.168.1.20:3000", origin: "null", "x-forwarded-proto": "gopher" }))).toBe("http://192.168.1.20:3000");
    for (const host of ["evil.example/path", "user@evil.example", "evil.example:99999", "a b", "[zz]", "-bad.example", "evil.example?x", "evil.example#x", "x".repeat(300)]) {
      expect(requestOrigin(headers({ host })), host).toBeNull();
    }
    expect(requestOrigin(new Headers())).toBeNull();
  });

  it("gives way to APP_URL when it is set, and falls back to this server on localhost without either", () => {
    expect(checkoutBaseUrl("http://192.168.1.20:3000", "https://vendops.example/")).toBe("https://vendops.example");
    expect(checkoutBaseUrl("http://192.168.1.20:3000", undefined)).toBe("http://192.168.1.20:3000");
    expect(checkoutBaseUrl(null, undefined)).toMatch(/^http:\/\/localhost:\d+$/);
  });
});

describe("paying on a machine's page reached from the LAN", () => {
  it("sends the consumer back to the address they used, not to localhost", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const restock = { id: eventId(), type: "inventory.restocked", occurredAt: new Date().toISOString(), data: { slots: [{ slot: "A1", quantity: 5 }] } };
    expect((await sendEvents(t.db, m.machine.id, m.secret, { events: [restock] })).status).toBe(200);
    const origin = requestOrigin(headers({ host: "192.168.1.20:3000", origin: "http://192.168.1.20:3000" }));
    const consumer = createCaller(createTrpcContext({ db: t.db, user: null, ip: "192.168.1.33", origin }));
    const { orderId, redirectUrl } = await consumer.checkout.create({ machineId: m.machine.id, slot: "A1" });
    // Without APP_URL (as in tests), the link is the request's own origin.
    expect(redirectUrl).toBe(`http://192.168.1.20:3000/order/${orderId}`);
  });
});
