import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { POST } from "~/app/api/webhooks/alipay/[orgId]/route";
import type { Db } from "~/db/client";
import { organizations } from "~/db/schema";
import { env } from "~/env";
import { saveProviderSettings, setProviderEnabled } from "~/server/payments";
import { heartbeat } from "./alerts";
import { type FakeAlipay, rsaKeys } from "./fake-alipay";
import { asOwner, createMachineWithPlanogram, restock, sendEvents } from "./machines";

/**
 * Points orgs' Alipay apps at the fake gateway, as ALIPAY_GATEWAY_URL does for a deployment (the
 * environment is read once at start, so the parsed value is replaced); the returned function undoes it.
 */
export function useFakeAlipayGateway(fake: FakeAlipay): () => void {
  const parsed = env as { ALIPAY_GATEWAY_URL?: string };
  const before = parsed.ALIPAY_GATEWAY_URL;
  parsed.ALIPAY_GATEWAY_URL = fake.gatewayUrl;
  return () => {
    parsed.ALIPAY_GATEWAY_URL = before;
  };
}

/**
 * An online machine of an org in yuan whose own Alipay app is saved in settings and switched on,
 * as an owner does it, and registered at the fake. `alipayPublicKey` replaces the Alipay public
 * key the org saves (default: the fake's), e.g. with a key an org made up to sign notifications itself.
 */
export async function alipayMachine(db: Db, fake: FakeAlipay, options: { alipayPublicKey?: string } = {}) {
  const m = await createMachineWithPlanogram(db);
  await db.update(organizations).set({ currency: "CNY" }).where(eq(organizations.id, m.org.id));
  await sendEvents(db, m.machine.id, m.secret, { events: [heartbeat({}), restock([{ slot: "A1", quantity: 5 }])] });
  const appId = `2021${randomInt(1e11, 1e12 - 1)}`;
  const app = rsaKeys();
  fake.registerApp(appId, app.publicKey);
  await asOwner(db, m.org.id, m.owner.id, async (ctx) => {
    await saveProviderSettings(ctx, {
      provider: "alipay",
      settings: { appId, alipayPublicKey: options.alipayPublicKey ?? fake.keys.publicKey },
      secrets: { appPrivateKey: app.privateKey },
    });
    await setProviderEnabled(ctx, { provider: "alipay", enabled: true });
  });
  return { ...m, appId, app };
}

/** Posts a notification to an org's notify URL as Alipay does; answers the status and the plain-text body. */
export async function postAlipayNotification(orgId: string, body: string): Promise<{ status: number; text: string }> {
  const request = new Request(`https://vendops.example/api/webhooks/alipay/${orgId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
    body,
  });
  const response = await POST(request, { params: Promise.resolve({ orgId }) });
  return { status: response.status, text: await response.text() };
}
