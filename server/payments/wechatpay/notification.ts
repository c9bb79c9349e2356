import "server-only";
import { createDecipheriv, createVerify, type KeyObject } from "node:crypto";
import { ProviderError, type ProviderEvent } from "../payment-provider";

// A WeChat Pay notification: its Wechatpay-Signature is RSA-SHA256 over "timestamp\nnonce\nbody\n"
// by the platform key, and its resource is AEAD_AES_256_GCM under the merchant's API v3 key.

/** WeChat Pay's own tolerance: a notification signed more than 5 minutes away from now is refused. */
export const WECHATPAY_TOLERANCE_SECONDS = 300;
/** The largest notification body accepted: WeChat Pay's are about 1 kB. */
export const WECHATPAY_NOTIFICATION_MAX_BYTES = 64 * 1024;

interface NotificationEnvelope {
  id: string;
  event_type: string;
  resource_type?: string;
  resource: { algorithm: string; ciphertext: string; associated_data?: string; nonce: string; original_type?: string };
}

export interface NotificationInput {
  rawBody: string;
  /** Lower-case header names: wechatpay-timestamp, wechatpay-nonce, wechatpay-serial. */
  headers: Record<string, string | null>;
  signature: string | null;
  platformKey: KeyObject;
  platformSerialNo: string;
  apiV3Key: string;
  nowSeconds?: number;
}

const refuse = (message: string, code = "invalid_signature") => new ProviderError(`WeChat Pay notification refused: ${message}`, false, code);

/** AEAD_AES_256_GCM as WeChat Pay uses it: base64 ciphertext with the 16-byte tag at its end. */
export function decryptResource(resource: NotificationEnvelope["resource"], apiV3Key: string): string {
  if (resource.algorithm !== "AEAD_AES_256_GCM") throw refuse(`unknown algorithm ${resource.algorithm}`, "invalid_resource");
  const sealed = Buffer.from(resource.ciphertext, "base64");
  if (sealed.length < 17) throw refuse("ciphertext too short", "invalid_resource");
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(resource.nonce, "utf8"));
    decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw refuse("the resource does not decrypt with the API v3 key", "invalid_resource");
  }
}

/**
 * Checks a notification's signature and timestamp and decrypts its resource. The event's object is
 * the decrypted resource, named by our id in it: out_refund_no for refunds, out_trade_no for payments.
 */
export function verifyWechatPayNotification(input: NotificationInput): ProviderEvent {
  const timestamp = input.headers["wechatpay-timestamp"];
  const nonce = input.headers["wechatpay-nonce"];
  const serial = input.headers["wechatpay-serial"];
  if (!input.signature || !timestamp || !nonce) throw refuse("missing Wechatpay-Signature, -Timestamp or -Nonce header");
  if (serial && serial !== input.platformSerialNo) throw refuse(`signed with an unknown platform key (${serial})`);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > WECHATPAY_TOLERANCE_SECONDS) throw refuse("timestamp outside the tolerance", "stale_timestamp");
  const verifier = createVerify("RSA-SHA256");
  verifier.update(`${timestamp}\n${nonce}\n${input.rawBody}\n`);
  let valid = false;
  try {
    valid = verifier.verify(input.platformKey, input.signature, "base64");
  } catch {
    valid = false;
  }
  if (!valid) throw refuse("the signature does not verify");
  let envelope: NotificationEnvelope;
  try {
    envelope = JSON.parse(input.rawBody) as NotificationEnvelope;
  } catch {
    throw refuse("the body is not JSON", "invalid_body");
  }
  if (typeof envelope.id !== "string" || typeof envelope.event_type !== "string" || !envelope.resource) throw refuse("not a notification", "invalid_body");
  let resource: Record<string, unknown>;
  try {
    resource = JSON.parse(decryptResource(envelope.resource, input.apiV3Key)) as Record<string, unknown>;
  } catch (error) {
    throw error instanceof ProviderError ? error : refuse("the resource is not JSON", "invalid_resource");
  }
  const isRefund = envelope.event_type.startsWith("REFUND.");
  const id = String((isRefund ? resource.out_refund_no : resource.out_trade_no) ?? "");
  return { id: envelope.id, type: envelope.event_type, object: { ...resource, id, object: isRefund ? "refund" : "transaction" } };
}
