// The tenancy domain's contract: what the browser may share with the server about organizations,
// members, invitations and the audit log. No database imports: client forms validate with these.
import { z } from "zod";
import type { MemberRole } from "~/db/schema";
import { emailSchema } from "~/server/auth/contract";
import { defineMessages } from "~/server/errors";
import { instant } from "~/server/input/calendar";

export type { MemberRole } from "~/db/schema";

/* Roles ------------------------------------------------------------------------------------------ */

/** Roles from least to most powerful; each procedure names the least role it needs. */
export const roleLadder = ["viewer", "technician", "manager", "admin", "owner"] as const satisfies readonly MemberRole[];

export const roleLabels: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  technician: "Technician",
  viewer: "Viewer",
};

export const roleDescriptions: Record<MemberRole, string> = {
  owner: "Everything, including other owners and the organization itself",
  admin: "Members, invitations, settings and the audit log",
  manager: "Fleet, catalog, refunds and plans",
  technician: "Routes, visits and machine service",
  viewer: "Read-only access to dashboards and reports",
};

export function roleRank(role: MemberRole): number {
  return roleLadder.indexOf(role);
}

export function hasRole(role: MemberRole, least: MemberRole): boolean {
  return roleRank(role) >= roleRank(least);
}

export const roleSchema = z.enum(roleLadder, "Choose a role: owner, admin, manager, technician or viewer.");

/* Organizations ---------------------------------------------------------------------------------- */

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

const currencies = new Set(Intl.supportedValuesOf("currency"));

export const orgNameSchema = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");
export const orgSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes, starting and ending with a letter or digit.");

/** How many months raw machine events are kept: the default and the range an admin may choose. */
export const EVENT_RETENTION_MONTHS = { default: 13, min: 1, max: 120 } as const;
const eventRetentionMessage = `Enter a whole number of months from ${EVENT_RETENTION_MONTHS.min} to ${EVENT_RETENTION_MONTHS.max}.`;
export const eventRetentionMonthsSchema = z
  .number(eventRetentionMessage)
  .int(eventRetentionMessage)
  .min(EVENT_RETENTION_MONTHS.min, eventRetentionMessage)
  .max(EVENT_RETENTION_MONTHS.max, eventRetentionMessage);

/* VAT and the operator's legal details, as receipts print them ----------------------------------- */

/** VAT rates are kept in basis points: 1900 is 19 %, 770 is 7.7 %, 0 is no VAT. */
export const VAT_RATE_MAX_BP = 10_000;
const vatRateMessage = "Enter a VAT rate from 0 to 100 %, with at most two decimals (e.g. 19 or 7.7).";
export const vatRateBpSchema = z.number(vatRateMessage).int(vatRateMessage).min(0, vatRateMessage).max(VAT_RATE_MAX_BP, vatRateMessage);

/** "19", "7,7" or "7.5 %" as basis points; NaN for text that is no rate (the schema then says why). */
export function vatPercentToBp(text: string): number {
  const cleaned = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Basis points as a percentage to type into a field: 1900 -> "19", 770 -> "7.7". */
export function vatBpToPercentText(bp: number): string {
  return (bp / 100).toFixed(2).replace(/\.?0+$/, "");
}

/** Basis points as a rate to read: 1900 -> "19%", 770 -> "7.7%". */
export function formatVatRate(bp: number): string {
  return `${vatBpToPercentText(bp)}%`;
}

/**
 * The VAT inside a VAT-inclusive (gross) amount: gross × rate / (100 % + rate), rounded half-up to the
 * minor unit (half away from zero for a negative amount, so a refund mirrors its sale).
 */
export function vatOfGross(grossMinor: number, rateBp: number): number {
  if (rateBp <= 0 || grossMinor === 0) return 0;
  const magnitude = Math.abs(grossMinor);
  const numerator = 2 * magnitude * rateBp + (10_000 + rateBp);
  const denominator = 2 * (10_000 + rateBp);
  const vat = (numerator - (numerator % denominator)) / denominator;
  return grossMinor < 0 ? -vat : vat;
}

const optionalText = (max: number, what: string) => z.string().trim().max(max, `Use at most ${max} characters for the ${what}.`).optional();

/** The seller's details receipts print; each left out is unchanged, an empty text clears it. */
export const orgReceiptSettings = {
  legalName: optionalText(160, "legal name"),
  legalAddress: optionalText(400, "address"),
  vatNumber: z
    .string()
    .trim()
    .max(32, "Use at most 32 characters for the VAT number.")
    .regex(/^[A-Za-z0-9 .\-/]*$/, "Use letters, digits, spaces, dots, dashes and slashes, e.g. DE123456789.")
    .optional(),
  /** Left out: unchanged (0 % for a new organization). */
  defaultVatRateBp: vatRateBpSchema.optional(),
};

export const orgSettingsInput = z.object({
  name: orgNameSchema,
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, "Choose a time zone such as Europe/Berlin or America/New_York.")
    // Stored in its canonical spelling ("europe/berlin" becomes "Europe/Berlin").
    .transform((zone) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => currencies.has(c), "Use a three-letter ISO 4217 currency code such as USD or EUR."),
  supportEmail: z.union([z.literal(""), z.email("Enter an e-mail address like support@example.com.")]).optional(),
  /** Left out: unchanged (the default of 13 for a new organization). */
  eventRetentionMonths: eventRetentionMonthsSchema.optional(),
  ...orgReceiptSettings,
});

export const createOrganizationInput = orgSettingsInput.extend({ slug: orgSlugSchema });

/* Members and invitations ------------------------------------------------------------------------ */

export const changeRoleInput = z.object({ userId: z.string().min(1).max(64), role: roleSchema });
export const removeMemberInput = z.object({ userId: z.string().min(1).max(64) });

export const INVITATION_TTL_DAYS = 7;

export const invitationStatuses = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const createInvitationInput = z.object({ email: emailSchema, role: roleSchema });
export const revokeInvitationInput = z.object({ invitationId: z.string().min(1).max(64) });
/** The one-time token of an invitation link. */
export const invitationTokenInput = z.object({ token: z.string().min(10).max(100) });

/* Audit log -------------------------------------------------------------------------------------- */

/**
 * Every change the audit log records, grouped by what changed; recordAudit accepts only these,
 * and the audit page offers each as a filter.
 */
export const auditActions = [
  // The organization, its members and invitations.
  "organization.created",
  "organization.updated",
  "member.role_changed",
  "member.removed",
  "member.left",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  // The fleet.
  "location.created",
  "location.updated",
  "machine.registered",
  "machine.updated",
  "machine.secret_rotated",
  "machine.tested",
  "machine.disabled",
  "machine.enabled",
  "machine.temperature_range_set",
  // The catalog and what the machines hold.
  "product.created",
  "product.updated",
  "planogram.updated",
  // Routes, visits and plans.
  "route.created",
  "route.updated",
  "route.deleted",
  "plan.accepted",
  "visit.recorded",
  "visit.undone",
  "visit.corrected",
  "replenishment.settings_updated",
  "card_fee.set",
  "card_fee.removed",
  // DEX audits.
  "machine_audit.uploaded",
  "machine_audit.selections_mapped",
  // Cash collections and payouts.
  "cash.counted",
  "cash.paid_back",
  // Online orders and refunds.
  "order.paid",
  "order.claimed",
  "order.canceled",
  "order.expired",
  "refund.created_by_hand",
  "refund.request_approved",
  "refund.retried",
  "refund.succeeded",
  "refund.failed",
  "refund_request.created",
  "refund_request.approved",
  "refund_request.rejected",
  "refund_request.settings_updated",
  "payment_provider.saved",
  "payment_provider.enabled",
  "payment_provider.disabled",
  "loyalty.updated",
  // Alerts, webhooks and jobs.
  "alert.acknowledged",
  "alert.assigned",
  "alert.resolved",
  "alerts.settings_updated",
  "webhook.created",
  "webhook.updated",
  "webhook.enabled",
  "webhook.disabled",
  "webhook.deleted",
  "webhook.secret_rotated",
  "webhook.tested",
  "job.run_now",
  // API keys.
  "api_key.created",
  "api_key.revoked",
  "api_key.used",
  // Location hosts: contracts and monthly statements.
  "host_contract.saved",
  "host_contract.removed",
  "host_statement.generated",
  "host_statement.revised",
  "host_statement.approved",
  "host_statement.sent",
  "host_statement.paid",
  "host_statement.adjusted",
  // Hosts' access to the portal.
  "host_invitation.created",
  "host_invitation.revoked",
  "host_invitation.accepted",
  "host.removed",
] as const;
export type AuditAction = (typeof auditActions)[number];

export const listAuditLogInput = z.object({
  action: z.enum(auditActions).optional(),
  /** Only entries older than this moment. */
  before: instant.optional(),
  /** The previous page's `nextCursor`: the id of its last entry. */
  cursor: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/* API keys ------------------------------------------------------------------------------------------ */

/** What the public REST API offers; a key reads or writes each one. */
export const apiResources = [
  "machines", "locations", "products", "planograms", "sales", "refunds", "orders", "alerts", "visits", "audits", "cash", "statistics", "plans",
  "accounting",
] as const;
export type ApiResource = (typeof apiResources)[number];
export const apiAccesses = ["read", "write"] as const;
export type ApiAccess = (typeof apiAccesses)[number];
export const apiScopes = apiResources.flatMap((r) => apiAccesses.map((a) => `${r}:${a}` as const));
export type ApiScope = `${ApiResource}:${ApiAccess}`;

/** What a key shows in lists: `vo_live_` and 8 characters. */
export const API_KEY_PREFIX = "vo_live_";
export const apiKeyStatuses = ["active", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof apiKeyStatuses)[number];

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80, "Use at most 80 characters."),
  scopes: z
    .array(z.enum(apiScopes as [ApiScope, ...ApiScope[]], "Choose scopes from the list."))
    .min(1, "Choose at least one scope.")
    .max(apiScopes.length)
    .transform((scopes) => [...new Set(scopes)].sort()),
  /** When the key stops working; none for a key that works until revoked. */
  expiresAt: instant.nullish(),
});
export const revokeApiKeyInput = z.object({ apiKeyId: z.string().min(1).max(64) });

/* Messages --------------------------------------------------------------------------------------- */

export const tenancyMessages = defineMessages("tenancy", {
  slug_taken: "That address is already taken. Choose another.",
  last_owner: "An organization needs at least one owner. Make another member an owner first.",
  only_owner_manages_owners: "Only an owner can make, change or remove an owner.",
  only_member_leaves: "Only a signed-in member can leave.",
  only_owner_invites_owner: "Only an owner can invite another owner.",
  already_member: "This person is already a member of the organization.",
  invitation_accepted: "This invitation has already been used. Ask for a new one if you still need access.",
  invitation_revoked: "This invitation was withdrawn. Ask the person who invited you for a new one.",
  invitation_expired: "This invitation has expired. Ask the person who invited you for a new one.",
  invitation_for_other_address: "This invitation was sent to {email}. Sign in with that address to accept it.",
  api_key_expiry_past: "Choose an expiry date in the future.",
  api_key_revoked: "This API key is already revoked.",
});

/** Why an invitation that is no longer pending cannot be accepted. */
export const unusableInvitation = {
  accepted: tenancyMessages.invitation_accepted,
  revoked: tenancyMessages.invitation_revoked,
  expired: tenancyMessages.invitation_expired,
} as const satisfies Record<Exclude<InvitationStatus, "pending">, unknown>;
