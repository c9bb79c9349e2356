import "server-only";
import { createPrivateKey, createPublicKey } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { machines, orders, orgPaymentProviders, type OrgPaymentProvider, type Refund } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { env } from "~/env";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, fieldError } from "../errors";
import { AlipayProvider } from "./alipay/provider";
import { ORG_CHECKOUT_METHODS, type OrgCheckoutMethod } from "./contract";
import { openCredentials, paymentCredentialsKey, sealCredentials } from "./credentials";
import { orgOf } from "./orders";
import type { PaymentProvider } from "./payment-provider";
import { ORG_PROVIDER_NAMES, type AlipayConfig, type OrgProviderName, type WechatPayConfig } from "./provider-configs";
import { PROVIDER_LABELS, providerSettingsMessages, type ProviderSettingsView, type SaveProviderInput } from "./provider-contract";
import { WechatPayProvider } from "./wechatpay/provider";

// An org's own merchant accounts with WeChat Pay and Alipay: saved and switched on in settings, and
// built into providers for its checkouts, refunds and notifications. The deployment's own provider
// (Stripe or the demo) is configured-provider.ts.

/** Where a provider posts its notifications for an org, under this server's base URL. */
export function notifyPathOf(name: OrgProviderName, orgId: string): string {
  return `/api/webhooks/${name}/${orgId}`;
}

/** The org's providers as settings show them: ids, serials and public keys, and which secrets are stored, never the secrets. */
export async function listProviderSettings(ctx: ServiceCtx): Promise<ProviderSettingsView[]> {
  const rows = await ctx.db.select().from(orgPaymentProviders).where(eq(orgPaymentProviders.orgId, ctx.orgId));
  const key = paymentCredentialsKey();
  return ORG_PROVIDER_NAMES.map((provider) => {
    const row = rows.find((r) => r.provider === provider);
    let storedSecrets: string[] = [];
    if (row && key) {
      try {
        storedSecrets = Object.keys(openCredentials(key, row.sealedSecrets)).sort();
      } catch {
        storedSecrets = [];
      }
    }
    return {
      provider,
      configured: row !== undefined,
      enabled: row?.enabled ?? false,
      settings: row?.settings ?? null,
      storedSecrets,
      notifyPath: notifyPathOf(provider, ctx.orgId),
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

function assertKey(value: string, kind: "private" | "public", field: string) {
  try {
    if (kind === "private") createPrivateKey(asPem(value, "PRIVATE KEY"));
    else createPublicKey(asPem(value, "PUBLIC KEY"));
  } catch {
    throw fieldError(field, kind === "private" ? providerSettingsMessages.invalid_private_key : providerSettingsMessages.invalid_public_key);
  }
}

/** A key as PEM: Alipay's consoles hand out bare base64; PEM (and WeChat's certificates) pass through. */
export function asPem(value: string, label: "PRIVATE KEY" | "PUBLIC KEY"): string {
  const trimmed = value.trim();
  if (trimmed.startsWith("-----BEGIN")) return trimmed;
  const body = trimmed.replace(/\s+/g, "").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
}

/**
 * Saves an org's settings for one provider (admin or owner, checked by the procedure). Secrets are
 * sealed before they are stored; left out on a later save, the stored ones are kept. A new
 * configuration starts switched off; saving keeps the switch as it was.
 */
export async function saveProviderSettings(ctx: ServiceCtx, input: SaveProviderInput): Promise<ProviderSettingsView> {
  const key = paymentCredentialsKey();
  if (!key) throw new ServiceError("CONFLICT", providerSettingsMessages.credentials_key_missing);
  if (input.provider === "wechatpay") {
    assertKey(input.settings.platformPublicKey, "public", "settings.platformPublicKey");
    if (input.secrets) assertKey(input.secrets.merchantPrivateKey, "private", "secrets.merchantPrivateKey");
  } else {
    assertKey(input.settings.alipayPublicKey, "public", "settings.alipayPublicKey");
    if (input.secrets) assertKey(input.secrets.appPrivateKey, "private", "secrets.appPrivateKey");
  }
  const [existing] = await ctx.db
    .select()
    .from(orgPaymentProviders)
    .where(and(eq(orgPaymentProviders.orgId, ctx.orgId), eq(orgPaymentProviders.provider, input.provider)))
    .for("update");
  if (!existing && !input.secrets) {
    throw fieldError("secrets", providerSettingsMessages.secrets_required, { provider: PROVIDER_LABELS[input.provider] });
  }
  const sealedSecrets = input.secrets ? sealCredentials(key, input.secrets) : existing!.sealedSecrets;
  const settings: Record<string, string> = { ...input.settings };
  await ctx.db
    .insert(orgPaymentProviders)
    .values({ orgId: ctx.orgId, provider: input.provider, settings, sealedSecrets })
    .onConflictDoUpdate({
      target: [orgPaymentProviders.orgId, orgPaymentProviders.provider],
      set: { settings, sealedSecrets, updatedAt: sql`now()` },
    });
  await recordAudit(ctx, {
    action: "payment_provider.saved",
    targetType: "payment_provider",
    targetId: input.provider,
    data: { provider: input.provider, secretsChanged: input.secrets !== undefined },
  });
  return (await listProviderSettings(ctx)).find((v) => v.provider === input.provider)!;
}

/** Switches an org's provider on or off for new checkouts (admin or owner). Refunds of its payments go through it either way. */
export async function setProviderEnabled(ctx: ServiceCtx, input: { provider: OrgProviderName; enabled: boolean }): Promise<ProviderSettingsView> {
  const [changed] = await ctx.db
    .update(orgPaymentProviders)
    .set({ enabled: input.enabled, updatedAt: sql`now()` })
    .where(and(eq(orgPaymentProviders.orgId, ctx.orgId), eq(orgPaymentProviders.provider, input.provider)))
    .returning({ enabled: orgPaymentProviders.enabled });
  if (!changed) throw new ServiceError("CONFLICT", providerSettingsMessages.not_configured, { provider: PROVIDER_LABELS[input.provider] });
  await recordAudit(ctx, {
    action: input.enabled ? "payment_provider.enabled" : "payment_provider.disabled",
    targetType: "payment_provider",
    targetId: input.provider,
    data: { provider: input.provider },
  });
  return (await listProviderSettings(ctx)).find((v) => v.provider === input.provider)!;
}

/** Builds the provider of one stored configuration, with its secrets opened. */
function buildProvider(row: OrgPaymentProvider, key: Buffer): PaymentProvider {
  const secrets = openCredentials(key, row.sealedSecrets);
  if (row.provider === "wechatpay") {
    const config = { ...row.settings, ...secrets } as unknown as WechatPayConfig;
    // Refunds are sent by jobs, not requests: their notifications go to APP_URL when it is set.
    const refundNotifyUrl = env.APP_URL ? `${env.APP_URL.replace(/\/$/, "")}${notifyPathOf("wechatpay", row.orgId)}` : undefined;
    return new WechatPayProvider(config, { apiUrl: env.WECHATPAY_API_URL, refundNotifyUrl });
  }
  const config = { ...row.settings, ...secrets } as unknown as AlipayConfig;
  return new AlipayProvider(config, { gatewayUrl: env.ALIPAY_GATEWAY_URL });
}

async function configRows(db: Db, orgId: string, name?: OrgProviderName): Promise<OrgPaymentProvider[]> {
  return withTenant(db, { orgId }, (tx) =>
    tx
      .select()
      .from(orgPaymentProviders)
      .where(and(eq(orgPaymentProviders.orgId, orgId), name ? eq(orgPaymentProviders.provider, name) : undefined)),
  );
}

/**
 * The org's own provider of that name, or null when it has none configured. Refunds and
 * notifications of past payments use it even when switched off: the money must go back the way it came.
 */
// eslint-disable-next-line architecture/service-shape -- a lookup every provider's callers share, not a service: (db, org, provider)
export async function providerFor(db: Db, orgId: string, name: OrgProviderName): Promise<PaymentProvider | null> {
  const key = paymentCredentialsKey();
  if (!key) return null;
  const [row] = await configRows(db, orgId, name);
  return row ? buildProvider(row, key) : null;
}

/** The org's own provider of that name when it is switched on for new checkouts, else null. */
export async function enabledProviderFor(db: Db, input: { orgId: string; name: OrgProviderName }): Promise<PaymentProvider | null> {
  const key = paymentCredentialsKey();
  if (!key) return null;
  const [row] = await configRows(db, input.orgId, input.name);
  return row?.enabled ? buildProvider(row, key) : null;
}

/** The org's own providers switched on for new checkouts, WeChat Pay first. */
export async function providersOfOrg(db: Db, orgId: string): Promise<PaymentProvider[]> {
  const key = paymentCredentialsKey();
  if (!key) return [];
  const rows = (await configRows(db, orgId)).filter((r) => r.enabled);
  return ORG_PROVIDER_NAMES.flatMap((name) => rows.filter((r) => r.provider === name).map((r) => buildProvider(r, key)));
}

/** The names of the org's own providers switched on for new checkouts (no secrets opened). */
export async function enabledProviderNames(db: Db, orgId: string): Promise<OrgProviderName[]> {
  const rows = (await configRows(db, orgId)).filter((r) => r.enabled);
  return ORG_PROVIDER_NAMES.filter((name) => rows.some((r) => r.provider === name));
}

/** The means of payment a machine's checkout offers through its org's own accounts (none: the deployment's provider). */
export async function orgCheckoutMethods(db: Db, machineId: string): Promise<OrgCheckoutMethod[]> {
  const orgId = await orgOf(db, { table: machines, id: machineId });
  if (!orgId) return [];
  const names = await enabledProviderNames(db, orgId);
  return ORG_CHECKOUT_METHODS.filter((method) => names.includes(ORG_PROVIDER_OF_METHOD[method]!));
}

const ORG_PROVIDER_OF_METHOD: Partial<Record<Refund["paymentMethod"], OrgProviderName>> = { wechat_pay: "wechatpay", alipay: "alipay" };

/** Whether a provider name is one an org configures itself. */
export function isOrgProviderName(name: string): name is OrgProviderName {
  return (ORG_PROVIDER_NAMES as readonly string[]).includes(name);
}

/**
 * The provider that pays a refund back: the one that took the payment. An online order's is
 * recorded on it; a sale paid at the machine with WeChat Pay or Alipay goes to the org's own
 * account with that provider when it has one; anything else to the deployment's provider.
 */
export async function refundProviderFor(db: Db, { refund, deployment }: { refund: Refund; deployment: PaymentProvider | null }): Promise<PaymentProvider | null> {
  let name: OrgProviderName | undefined;
  if (refund.orderId) {
    const [order] = await withTenant(db, { orgId: refund.orgId }, (tx) =>
      tx.select({ provider: orders.provider }).from(orders).where(and(eq(orders.id, refund.orderId!), eq(orders.orgId, refund.orgId))),
    );
    if (order && isOrgProviderName(order.provider)) name = order.provider;
    else if (order) return deployment;
  }
  name ??= ORG_PROVIDER_OF_METHOD[refund.paymentMethod];
  if (!name) return deployment;
  return (await providerFor(db, refund.orgId, name)) ?? (refund.orderId ? null : deployment);
}
