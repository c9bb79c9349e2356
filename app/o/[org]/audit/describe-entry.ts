import { useLocale, useTranslations } from "next-intl";
import type { RouterOutputs } from "~/app/_trpc/types";
import { useFormat } from "~/app/_components/i18n/format";
import { intlLocale } from "~/server/i18n/locales";
import { auditActions, formatVatRate, type AuditAction, type MemberRole, roleLadder } from "~/server/tenancy/contract";

export type AuditEntry = RouterOutputs["audit"]["list"]["entries"][number];

/** The actions the log can hold, in words, for the filter; in the vocabulary's order, grouped by what changed. */
export function useAuditActionOptions(): { value: AuditAction; label: string }[] {
  const t = useTranslations("auditLog.actions");
  return auditActions.map((value) => ({ value, label: t(value) }));
}

const settingKeys = ["name", "timeZone", "currency", "supportEmail", "eventRetentionMonths", "legalName", "legalAddress", "vatNumber", "defaultVatRateBp"] as const;
type SettingKey = (typeof settingKeys)[number];
const isSettingKey = (key: string): key is SettingKey => (settingKeys as readonly string[]).includes(key);
const isRole = (v: unknown): v is MemberRole => typeof v === "string" && (roleLadder as readonly string[]).includes(v);

const isAction = (v: string): v is AuditAction => (auditActions as readonly string[]).includes(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/**
 * The log's words in the page's language: who did it (a person's name, or what acted: a machine,
 * Stripe, a job, the system), and what happened, as the rest of a sentence after the actor
 * ("changed Mia Manager’s role from viewer to manager"), and what it happened to.
 */
export function useAuditWords() {
  const t = useTranslations("auditLog");
  const roles = useTranslations("common.roles");
  const locale = useLocale();
  const f = useFormat();
  const list = new Intl.ListFormat(intlLocale(locale), { type: "conjunction" });
  const none = t("summary.none");
  /** A setting's value in words: the event retention in months, the others as stored. */
  const settingValue = (key: string, v: unknown): string | undefined =>
    typeof v === "number" ? (key === "eventRetentionMonths" ? t("summary.months", { months: String(v) }) : key === "defaultVatRateBp" ? formatVatRate(v) : String(v)) : str(v);
  const role = (v: unknown): string => (isRole(v) ? roles(v).toLowerCase() : t("summary.unknownRole"));

  function actorOf(entry: AuditEntry, people: Map<string, string>): string {
    const label = entry.actorLabel ?? entry.actorId ?? "";
    switch (entry.actorType) {
      case "user":
        return entry.actorLabel ?? (entry.actorId && people.get(entry.actorId)) ?? t("actor.formerMember");
      case "machine":
        return t("actor.machine", { label }).trim();
      case "stripe":
        return t("actor.stripe");
      case "api_key":
        return t("actor.apiKey", { label }).trim();
      case "job":
        return t("actor.job", { label }).trim();
      default:
        return entry.actorLabel ?? "VendOps";
    }
  }

  function describeEntry(entry: AuditEntry, people: Map<string, string>): { summary: string; target: string | null } {
    const d = entry.data;
    const email = str(d.email);
    const person = (entry.targetId && people.get(entry.targetId)) || email || t("summary.aMember");
    const name = str(d.name) ?? "";
    switch (entry.action) {
      case "organization.created":
        return { summary: t("summary.orgCreated", { name }).trim(), target: str(d.slug) ? `/o/${str(d.slug)}` : null };
      case "organization.updated": {
        const changes = Object.entries(d).map(([key, value]) => {
          const change = (value ?? {}) as { from?: unknown; to?: unknown };
          const setting = isSettingKey(key) ? t(`settings.${key}`) : key;
          return t("summary.change", { setting, from: settingValue(key, change.from) ?? none, to: settingValue(key, change.to) ?? none });
        });
        return { summary: changes.length ? t("summary.orgUpdated", { changes: list.format(changes) }) : t("summary.settingsSaved"), target: t("summary.settingsTarget") };
      }
      case "member.role_changed":
        return { summary: t("summary.roleChanged", { endsWithS: person.endsWith("s") ? "yes" : "no", person, from: role(d.from), to: role(d.to) }), target: email ?? null };
      case "member.removed":
        return { summary: t("summary.memberRemoved", { person, role: role(d.role) }), target: email ?? null };
      case "member.left":
        return { summary: t("summary.memberLeft", { role: role(d.role) }), target: email ?? null };
      case "invitation.created":
        return { summary: t("summary.invited", { email: email ?? t("summary.someone"), role: role(d.role) }), target: email ?? null };
      case "invitation.revoked":
        return { summary: t("summary.invitationRevoked", { email: email ?? t("summary.someone") }), target: email ?? null };
      case "invitation.accepted":
        return { summary: d.alreadyMember ? t("summary.invitationAcceptedMember") : t("summary.invitationAccepted", { role: role(d.role) }), target: email ?? null };
      case "location.created":
        return { summary: t("summary.locationCreated", { name }).trim(), target: entry.targetId };
      case "location.updated":
        return { summary: t("summary.locationUpdated"), target: entry.targetId };
      case "machine.registered":
        return { summary: t("summary.machineRegistered", { name }).trim(), target: str(d.serial) ? t("summary.serial", { serial: str(d.serial)! }) : entry.targetId };
      case "machine.updated":
        return { summary: t("summary.machineUpdated"), target: entry.targetId };
      case "machine.secret_rotated":
        return { summary: t("summary.machineSecret"), target: entry.targetId };
      case "machine.tested":
        return { summary: t("summary.machineTested"), target: entry.targetId };
      case "product.created":
        return { summary: t("summary.productCreated", { name }).trim(), target: str(d.sku) ? t("summary.sku", { sku: str(d.sku)! }) : entry.targetId };
      case "product.updated":
        return { summary: t("summary.productUpdated"), target: entry.targetId };
      case "planogram.updated": {
        const slots = Array.isArray(d.slots) ? d.slots.length : null;
        return { summary: slots === null ? t("summary.planogram") : t("summary.planogramSlots", { count: slots }), target: entry.targetId };
      }
      case "cash.counted":
      case "cash.paid_back": {
        const currency = str(d.currency);
        const money = (v: unknown) => (typeof v === "number" && currency ? f.money(v, currency) : t("summary.anAmount"));
        return entry.action === "cash.counted"
          ? { summary: t("summary.cashCounted", { counted: money(d.countedMinor), expected: money(d.expectedMinor) }), target: entry.targetId }
          : { summary: t("summary.cashPaidBack", { amount: money(d.amountMinor) }), target: str(d.machineId) ?? entry.targetId };
      }
      case "api_key.created":
        return { summary: t("summary.apiKeyCreated", { name }).trim(), target: str(d.prefix) ?? entry.targetId };
      case "api_key.revoked":
        return { summary: t("summary.apiKeyRevoked", { name }).trim(), target: str(d.prefix) ?? entry.targetId };
      case "api_key.used":
        return { summary: t("summary.apiKeyUsed", { method: str(d.method) ?? "", path: str(d.path) ?? t("summary.theApi") }).replace(/\s+/g, " ").trim(), target: null };
      default:
        // Actions without a sentence of their own are named as the vocabulary has them ("visit recorded").
        return { summary: isAction(entry.action) ? t(`fallback.${entry.action}`) : entry.action.replace(/[._]/g, " "), target: entry.targetId };
    }
  }

  return { actorOf, describeEntry };
}

/** Paging of the log: each page continues after the previous page's last entry. */
export const auditPageOptions = {
  getNextPageParam: (page: RouterOutputs["audit"]["list"]) => page.nextCursor,
};
