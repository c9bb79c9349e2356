import "server-only";
// The settings of an org's own payment providers (WeChat Pay, Alipay): the procedures' inputs, the
// public view they answer and their messages. Secrets go in, never out.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { ORG_PROVIDER_NAMES, type OrgProviderName } from "./provider-configs";

export const providerSettingsMessages = defineMessages("paymentProviders", {
  secrets_required: "Enter the {provider} secrets: they are needed the first time the account is saved.",
  not_configured: "{provider} is not set up for this organization yet. Save its settings first.",
  credentials_key_missing: "This server cannot store payment credentials: PAYMENT_CREDENTIALS_KEY is not set. Ask whoever runs the server to set it.",
  invalid_private_key: "The private key is not a valid PEM (or base64) RSA private key.",
  invalid_public_key: "The public key is not a valid PEM (or base64) RSA public key or certificate.",
  invalid_api_v3_key: "The API v3 key must be exactly 32 characters.",
});

const text = (max: number) => z.string().trim().min(1, "Required.").max(max, `At most ${max} characters.`);
const pem = z.string().trim().min(1, "Required.").max(8_000, "At most 8000 characters.");

export const wechatPaySettingsInput = z.object({
  mchid: z.string().trim().regex(/^\d{6,32}$/, "The merchant id is a number (digits only)."),
  appid: text(64),
  merchantSerialNo: text(64),
  platformSerialNo: text(128),
  platformPublicKey: pem,
});
export const wechatPaySecretsInput = z.object({
  merchantPrivateKey: pem,
  apiV3Key: z.string().length(32, "The API v3 key must be exactly 32 characters."),
});

export const alipaySettingsInput = z.object({
  appId: z.string().trim().regex(/^\d{6,32}$/, "The app id is a number (digits only)."),
  alipayPublicKey: pem,
});
export const alipaySecretsInput = z.object({ appPrivateKey: pem });

/** Saving a provider's settings: secrets may be left out to keep the ones stored. */
export const saveProviderInput = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("wechatpay"), settings: wechatPaySettingsInput, secrets: wechatPaySecretsInput.optional() }),
  z.object({ provider: z.literal("alipay"), settings: alipaySettingsInput, secrets: alipaySecretsInput.optional() }),
]);
export type SaveProviderInput = z.infer<typeof saveProviderInput>;

export const setProviderEnabledInput = z.object({ provider: z.enum(ORG_PROVIDER_NAMES), enabled: z.boolean() });

/** A provider as settings show it: what is configured, never the secrets. */
export interface ProviderSettingsView {
  provider: OrgProviderName;
  configured: boolean;
  enabled: boolean;
  /** The public settings (ids, serials, public keys); null until saved. */
  settings: Record<string, string> | null;
  /** Which secrets are stored (names only). */
  storedSecrets: string[];
  /** Where the provider must send its notifications for this org (the path under this server). */
  notifyPath: string;
  updatedAt: Date | null;
}

export const PROVIDER_LABELS: Record<OrgProviderName, string> = { wechatpay: "WeChat Pay", alipay: "Alipay" };
