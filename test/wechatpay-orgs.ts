import { eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { organizations } from "~/db/schema";
import { env } from "~/env";
import { handleWechatPayNotification, saveProviderSettings, setProviderEnabled, type SaveProviderInput } from "~/server/payments";
import { heartbeat } from "./alerts";
import { rsaKeys } from "./fake-alipay";
import type { FakeWechatPay, WechatNotification } from "./fake-wechatpay";
import { asOwner, createMachineWithPlanogram, restock, sendEvents } from "./machines";

/**
 * Points orgs' WeChat Pay accounts at the fake, as WECHATPAY_API_URL does for a deployment (the
 * environment is read once at start, so the parsed value is replaced); the returned function undoes it.
 */
export function useFakeWechatPayApi(fake: FakeWechatPay): () => void {
  const parsed = env as { WECHATPAY_API_URL?: string };
  const before = parsed.WECHATPAY_API_URL;
  parsed.WECHATPAY_API_URL = fake.url;
  return () => {
    parsed.WECHATPAY_API_URL = before;
  };
}

/**
 * An online machine of an org in yuan whose own WeChat Pay merchant account is saved in settings
 * and switched on, as an owner does it, and registered at the fake.
 */
export async function wechatPayMachine(db: Db, fake: FakeWechatPay) {
  const m = await createMachineWithPlanogram(db);
  await db.update(organizations).set({ currency: "CNY" }).where(eq(organizations.id, m.org.id));
  await sendEvents(db, m.machine.id, m.secret, { events: [heartbeat({}), restock([{ slot: "A1", quantity: 5 }])] });
  const merchant = fake.registerMerchant();
  await asOwner(db, m.org.id, m.owner.id, async (ctx) => {
    await saveProviderSettings(ctx, wechatPaySettings(merchant, fake));
    await setProviderEnabled(ctx, { provider: "wechatpay", enabled: true });
  });
  return { ...m, merchant };
}

type WechatPaySave = Extract<SaveProviderInput, { provider: "wechatpay" }> & { secrets: NonNullable<Extract<SaveProviderInput, { provider: "wechatpay" }>["secrets"]> };

/** What an owner saves for a WeChat Pay merchant account; without arguments, a made-up one with fresh keys. */
export function wechatPaySettings(
  merchant: { mchid: string; serialNo: string; privateKey: string; apiV3Key: string } = { mchid: "1900000109", serialNo: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", privateKey: rsaKeys().privateKey, apiV3Key: "a".repeat(32) },
  platform: { platformSerialNo: string; platform: { publicKey: string } } = { platformSerialNo: "PUB_KEY_ID_0119000001090000", platform: rsaKeys() },
): WechatPaySave {
  return {
    provider: "wechatpay",
    settings: {
      mchid: merchant.mchid,
      appid: "wx8888888888888888",
      merchantSerialNo: merchant.serialNo,
      platformSerialNo: platform.platformSerialNo,
      platformPublicKey: platform.platform.publicKey,
    },
    secrets: { merchantPrivateKey: merchant.privateKey, apiV3Key: merchant.apiV3Key },
  };
}

/** Delivers a notification to an org's notify URL handler as WeChat Pay does; answers the status and the body as sent. */
export async function postWechatPayNotification(db: Db, orgId: string, notification: WechatNotification): Promise<{ status: number; body: string }> {
  const answer = await handleWechatPayNotification(db, { orgId, rawBody: notification.rawBody, signature: notification.signature, headers: notification.headers });
  return { status: answer.status, body: answer.body ? JSON.stringify(answer.body) : "" };
}
