import type { RouterOutputs } from "~/app/_trpc/types";
import { formatMoney } from "~/server/money";
import { auditActions, formatVatRate, type AuditAction, type MemberRole, roleLabels } from "~/server/tenancy/contract";

export type AuditEntry = RouterOutputs["audit"]["list"]["entries"][number];

/** Each action the log can hold, in words. */
const auditActionLabels: Record<AuditAction, string> = {
  "organization.created": "Organization created",
  "organization.updated": "Settings changed",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "invitation.created": "Invitation sent",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "location.created": "Location added",
  "location.updated": "Location changed",
  "machine.registered": "Machine registered",
  "machine.updated": "Machine changed",
  "machine.secret_rotated": "Machine secret rotated",
  "machine.tested": "Test event sent",
  "machine.disabled": "Machine disabled",
  "machine.enabled": "Machine enabled",
  "machine.temperature_range_set": "Temperature range set",
  "product.created": "Product added",
  "product.updated": "Product changed",
  "planogram.updated": "Planogram changed",
  "route.created": "Route added",
  "route.updated": "Route changed",
  "route.deleted": "Route deleted",
  "plan.accepted": "Today's plan accepted",
  "visit.recorded": "Visit recorded",
  "visit.undone": "Visit undone",
  "visit.corrected": "Visit counts corrected",
  "replenishment.settings_updated": "Planning settings changed",
  "card_fee.set": "Card fee set",
  "card_fee.removed": "Card fee removed",
  "machine_audit.uploaded": "Audit file uploaded",
  "machine_audit.selections_mapped": "Audit selections mapped to slots",
  "cash.counted": "Cash counted",
  "cash.paid_back": "Cash paid back",
  "order.paid": "Order paid",
  "order.claimed": "Order claimed",
  "order.canceled": "Order canceled",
  "order.expired": "Order expired",
  "refund.created_by_hand": "Refund issued by hand",
  "refund.request_approved": "Refund for an approved request",
  "refund.retried": "Refund retried",
  "refund.succeeded": "Refund sent",
  "refund.failed": "Refund failed",
  "refund_request.created": "Problem reported",
  "refund_request.approved": "Request approved",
  "refund_request.rejected": "Request rejected",
  "refund_request.settings_updated": "Refund request rule changed",
  "loyalty.updated": "Loyalty program changed",
  "alert.acknowledged": "Alert acknowledged",
  "alert.assigned": "Alert assigned",
  "alert.resolved": "Alert resolved",
  "alerts.settings_updated": "Alert settings changed",
  "webhook.created": "Webhook added",
  "webhook.updated": "Webhook changed",
  "webhook.enabled": "Webhook enabled",
  "webhook.disabled": "Webhook disabled",
  "webhook.deleted": "Webhook deleted",
  "webhook.secret_rotated": "Webhook secret rotated",
  "webhook.tested": "Webhook tested",
  "job.run_now": "Job run by hand",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.used": "API key used",
  "host_contract.saved": "Host contract saved",
  "host_contract.removed": "Host contract removed",
  "host_statement.generated": "Host statement generated",
  "host_statement.revised": "Host statement revised",
  "host_statement.approved": "Host statement approved",
  "host_statement.sent": "Host statement sent",
  "host_statement.paid": "Host statement paid",
  "host_statement.adjusted": "Host statement adjusted",
  "host_invitation.created": "Host invited",
  "host_invitation.revoked": "Host invitation withdrawn",
  "host_invitation.accepted": "Host invitation accepted",
  "host.removed": "Host removed",
};

/** The actions the log can hold, in words, for the filter; in the vocabulary's order, grouped by what changed. */
export const auditActionOptions = auditActions.map((value) => ({ value, label: auditActionLabels[value] }));

const settingNames: Record<string, string> = {
  name: "name",
  timeZone: "time zone",
  currency: "currency",
  supportEmail: "support e-mail",
  eventRetentionMonths: "raw machine event retention",
  legalName: "legal name",
  legalAddress: "registered address",
  vatNumber: "VAT number",
  defaultVatRateBp: "default VAT rate",
};

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
/** A setting's value in words: the event retention in months, the others as stored. */
const settingValue = (key: string, v: unknown): string | undefined =>
  typeof v === "number" ? (key === "eventRetentionMonths" ? `${v} months` : key === "defaultVatRateBp" ? formatVatRate(v) : String(v)) : str(v);
const role = (v: unknown): string => (typeof v === "string" && v in roleLabels ? roleLabels[v as MemberRole].toLowerCase() : "an unknown role");
const possessive = (name: string) => (name.endsWith("s") ? `${name}’` : `${name}’s`);

function listInWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Who did it, in words: a person's name, or what acted (a machine, Stripe, a job, the system). */
export function actorOf(entry: AuditEntry, people: Map<string, string>): string {
  switch (entry.actorType) {
    case "user":
      return entry.actorLabel ?? (entry.actorId && people.get(entry.actorId)) ?? "A former member";
    case "machine":
      return `Machine ${entry.actorLabel ?? entry.actorId ?? ""}`.trim();
    case "stripe":
      return "Stripe";
    case "api_key":
      return `API key ${entry.actorLabel ?? entry.actorId ?? ""}`.trim();
    case "job":
      return `Scheduled job ${entry.actorLabel ?? entry.actorId ?? ""}`.trim();
    default:
      return entry.actorLabel ?? "VendOps";
  }
}

/**
 * What happened, as the rest of a sentence after the actor ("changed Mia Manager’s role from
 * viewer to manager"), and what it happened to.
 */
export function describeEntry(entry: AuditEntry, people: Map<string, string>): { summary: string; target: string | null } {
  const d = entry.data;
  const email = str(d.email);
  const person = (entry.targetId && people.get(entry.targetId)) || email || "a member";
  switch (entry.action) {
    case "organization.created":
      return { summary: `created the organization ${str(d.name) ?? ""}`.trim(), target: str(d.slug) ? `/o/${str(d.slug)}` : null };
    case "organization.updated": {
      const changes = Object.entries(d).map(([key, value]) => {
        const change = (value ?? {}) as { from?: unknown; to?: unknown };
        return `${settingNames[key] ?? key} from ${settingValue(key, change.from) ?? "none"} to ${settingValue(key, change.to) ?? "none"}`;
      });
      return { summary: changes.length ? `changed the ${listInWords(changes)}` : "saved the settings", target: "Settings" };
    }
    case "member.role_changed":
      return { summary: `changed ${possessive(person)} role from ${role(d.from)} to ${role(d.to)}`, target: email ?? null };
    case "member.removed":
      return { summary: `removed ${person} (${role(d.role)})`, target: email ?? null };
    case "member.left":
      return { summary: `left the organization (was ${role(d.role)})`, target: email ?? null };
    case "invitation.created":
      return { summary: `invited ${email ?? "someone"} as ${role(d.role)}`, target: email ?? null };
    case "invitation.revoked":
      return { summary: `revoked the invitation for ${email ?? "someone"}`, target: email ?? null };
    case "invitation.accepted":
      return {
        summary: d.alreadyMember ? "accepted an invitation (already a member)" : `accepted the invitation and joined as ${role(d.role)}`,
        target: email ?? null,
      };
    case "location.created":
      return { summary: `added the location ${str(d.name) ?? ""}`.trim(), target: entry.targetId };
    case "location.updated":
      return { summary: "changed a location", target: entry.targetId };
    case "machine.registered":
      return { summary: `registered the machine ${str(d.name) ?? ""}`.trim(), target: str(d.serial) ? `serial ${str(d.serial)}` : entry.targetId };
    case "machine.updated":
      return { summary: "changed a machine", target: entry.targetId };
    case "machine.secret_rotated":
      return { summary: "issued a new secret for a machine", target: entry.targetId };
    case "machine.tested":
      return { summary: "sent a test event for a machine", target: entry.targetId };
    case "product.created":
      return { summary: `added the product ${str(d.name) ?? ""}`.trim(), target: str(d.sku) ? `SKU ${str(d.sku)}` : entry.targetId };
    case "product.updated":
      return { summary: "changed a product", target: entry.targetId };
    case "planogram.updated": {
      const slots = Array.isArray(d.slots) ? d.slots.length : null;
      return { summary: `changed a machine’s planogram${slots === null ? "" : ` (${slots} ${slots === 1 ? "slot" : "slots"})`}`, target: entry.targetId };
    }
    case "cash.counted":
    case "cash.paid_back": {
      const currency = str(d.currency);
      const money = (v: unknown) => (typeof v === "number" && currency ? formatMoney(v, currency) : "an amount");
      return entry.action === "cash.counted"
        ? { summary: `counted ${money(d.countedMinor)} taken from a machine (expected ${money(d.expectedMinor)})`, target: entry.targetId }
        : { summary: `paid back ${money(d.amountMinor)} in cash for a failed vend`, target: str(d.machineId) ?? entry.targetId };
    }
    case "api_key.created":
      return { summary: `created the API key ${str(d.name) ?? ""}`.trim(), target: str(d.prefix) ?? entry.targetId };
    case "api_key.revoked":
      return { summary: `revoked the API key ${str(d.name) ?? ""}`.trim(), target: str(d.prefix) ?? entry.targetId };
    case "api_key.used":
      return { summary: `called ${str(d.method) ?? ""} ${str(d.path) ?? "the API"}`.replace(/\s+/g, " ").trim(), target: null };
    default:
      return { summary: entry.action.replace(/[._]/g, " "), target: entry.targetId };
  }
}

/** Paging of the log: each page continues after the previous page's last entry. */
export const auditPageOptions = {
  getNextPageParam: (page: RouterOutputs["audit"]["list"]) => page.nextCursor,
};
