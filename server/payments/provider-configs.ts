import "server-only";
// The settings of an org's own merchant account with WeChat Pay or Alipay: the public part (shown
// in settings, stored as it is) and the secrets (stored encrypted, never shown again). A provider
// is constructed from the two together.

/** WeChat Pay API v3 merchant settings that may be shown. */
export interface WechatPayPublicSettings {
  /** Merchant id (mchid). */
  mchid: string;
  /** The app id the payments are made to (appid: an official account or mini program bound to the merchant). */
  appid: string;
  /** Serial number of the merchant's API certificate (its key signs our requests). */
  merchantSerialNo: string;
  /** Serial number of the WeChat Pay platform certificate or platform public key (Wechatpay-Serial). */
  platformSerialNo: string;
  /** The WeChat Pay platform public key (PEM, or the platform certificate's PEM): verifies WeChat Pay's responses and notifications. */
  platformPublicKey: string;
}

/** WeChat Pay API v3 merchant secrets. */
export interface WechatPaySecrets {
  /** The merchant API private key (PEM, apiclient_key.pem). */
  merchantPrivateKey: string;
  /** The API v3 key (32 characters): decrypts notifications. */
  apiV3Key: string;
}

export type WechatPayConfig = WechatPayPublicSettings & WechatPaySecrets;

/** Alipay open platform app settings that may be shown. */
export interface AlipayPublicSettings {
  /** The app id (app_id). */
  appId: string;
  /** The Alipay public key (PEM or bare base64): verifies Alipay's responses and notifications. */
  alipayPublicKey: string;
}

/** Alipay app secrets. */
export interface AlipaySecrets {
  /** The app's private key (PEM or bare base64, RSA2): signs our requests. */
  appPrivateKey: string;
}

export type AlipayConfig = AlipayPublicSettings & AlipaySecrets;

/** The providers an org can configure with its own merchant account. */
export const ORG_PROVIDER_NAMES = ["wechatpay", "alipay"] as const;
export type OrgProviderName = (typeof ORG_PROVIDER_NAMES)[number];
