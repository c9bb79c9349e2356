import { createTranslator, type useTranslations } from "next-intl";
import type { FieldErrors } from "~/server/errors";
import locationsEn from "~/server/i18n/messages/en/locations.json";
import type { Locale } from "~/server/i18n/locales";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import type { ContractRule } from "../../hosts/contract-words";

/** How the commission part of a contract is computed, as the form offers it (words: `locations.contractForm.kinds.*`). */
export const commissionKinds = ["percent", "split", "tiers", "none"] as const;
export type CommissionKind = (typeof commissionKinds)[number];

/** The form's own problem messages, in the reader's language (`useTranslations("locations.contractForm.problems")`). */
export type ContractFormTexts = ReturnType<typeof useTranslations<"locations.contractForm.problems">>;

const englishTexts: ContractFormTexts = createTranslator({ locale: "en", messages: { locations: locationsEn }, namespace: "locations.contractForm.problems" });

/** The form as typed: decimals in the org's currency and percentages, all as text. */
export interface ContractFormValues {
  effectiveFrom: string;
  basis: "gross" | "net";
  kind: CommissionKind;
  percent: string;
  cashPercent: string;
  cashlessPercent: string;
  tiers: { from: string; percent: string }[];
  perUnit: string;
  flatRent: string;
  minimumGuarantee: string;
  contactEmails: string;
  notes: string;
}

/** What `hosts.contracts.save` takes, without the org and the location. */
export interface ContractSaveFields {
  effectiveFrom: string;
  basis: "gross" | "net";
  percentBp?: number;
  cashPercentBp?: number;
  cashlessPercentBp?: number;
  tiers?: { fromMinor: number; percentBp: number }[];
  perUnitMinor?: number;
  flatRentMinor?: number;
  minimumGuaranteeMinor?: number;
  contactEmails: string[];
  notes: string;
}

/**
 * Basis points from a typed percentage ("15" -> 1500, "12.5" -> 1250, "7,25" -> 725): `null` when
 * empty, `NaN` when it is not a percentage from 0 to 100 with at most two decimals.
 */
export function parsePercent(text: string): number | null {
  const value = text.trim().replace(/\s*%$/, "");
  if (value === "") return null;
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(value);
  if (!match) return Number.NaN;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bp > 10_000 ? Number.NaN : bp;
}

/** "15" from 1500, "12.5" from 1250: a percentage as a person types it. */
export function percentText(bp: number | null | undefined): string {
  if (bp == null) return "";
  return String(bp / 100);
}

/** E-mail addresses typed one per line or separated by commas, semicolons or spaces. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

/** The form filled from a contract (the one in force, to change it from a later month), or empty. */
export function formValuesFrom(rule: (ContractRule & { contactEmails?: readonly string[]; notes?: string | null }) | null, effectiveFrom: string): ContractFormValues {
  const money = (minor: number | null | undefined) => (minor == null || !rule ? "" : toMajorText(minor, rule.currency));
  const tiers = rule?.tiers ?? [];
  const kind: CommissionKind = !rule
    ? "percent"
    : tiers.length > 0
      ? "tiers"
      : rule.cashPercentBp != null || rule.cashlessPercentBp != null
        ? "split"
        : rule.percentBp != null
          ? "percent"
          : "none";
  return {
    effectiveFrom,
    basis: rule?.basis ?? "net",
    kind,
    percent: percentText(rule?.percentBp),
    cashPercent: percentText(rule?.cashPercentBp),
    cashlessPercent: percentText(rule?.cashlessPercentBp),
    tiers: tiers.length > 0 ? tiers.map((t) => ({ from: money(t.fromMinor), percent: percentText(t.percentBp) })) : [{ from: "0", percent: "" }],
    perUnit: money(rule?.perUnitMinor),
    flatRent: money(rule?.flatRentMinor),
    minimumGuarantee: money(rule?.minimumGuaranteeMinor),
    contactEmails: (rule?.contactEmails ?? []).join("\n"),
    notes: rule?.notes ?? "",
  };
}

/**
 * The form's values as the procedure takes them (minor units, basis points), or the fields that
 * cannot be read, said with `t`; the server checks the rest (and these again). Fields of other kinds are left out.
 */
export function toSaveFields(values: ContractFormValues, currency: string, t: ContractFormTexts = englishTexts, locale?: Locale): { fields: ContractSaveFields; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const fields: ContractSaveFields = {
    effectiveFrom: values.effectiveFrom,
    basis: values.basis,
    contactEmails: splitEmails(values.contactEmails),
    notes: values.notes.trim(),
  };
  const percent = (key: string, text: string, required: boolean) => {
    const bp = parsePercent(text);
    if (bp === null && required) errors[key] = [t("enterPercent")];
    else if (Number.isNaN(bp)) errors[key] = [t("percentHint")];
    return bp === null || Number.isNaN(bp) ? undefined : bp;
  };
  const money = (key: string, text: string) => {
    const minor = parseMajor(text, currency);
    if (Number.isNaN(minor)) errors[key] = [amountHint(currency, locale)];
    return minor === null || Number.isNaN(minor) || minor === 0 ? undefined : minor;
  };
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.effectiveFrom)) errors.effectiveFrom = [t("month")];
  if (values.kind === "percent") fields.percentBp = percent("percentBp", values.percent, true);
  if (values.kind === "split") {
    fields.cashPercentBp = percent("cashPercentBp", values.cashPercent, true);
    fields.cashlessPercentBp = percent("cashlessPercentBp", values.cashlessPercent, true);
  }
  if (values.kind === "tiers") {
    const tiers: { fromMinor: number; percentBp: number }[] = [];
    const messages: string[] = [];
    values.tiers.forEach((tier, i) => {
      const fromMinor = i === 0 ? 0 : parseMajor(tier.from, currency);
      const bp = parsePercent(tier.percent);
      if (fromMinor === null || Number.isNaN(fromMinor)) messages.push(t("tier", { n: i + 1, problem: amountHint(currency, locale) }));
      if (bp === null || Number.isNaN(bp)) messages.push(t("tier", { n: i + 1, problem: t("percentHint") }));
      else if (fromMinor !== null && !Number.isNaN(fromMinor)) tiers.push({ fromMinor, percentBp: bp });
    });
    if (messages.length > 0) errors.tiers = messages;
    fields.tiers = tiers;
  }
  fields.perUnitMinor = money("perUnitMinor", values.perUnit);
  fields.flatRentMinor = money("flatRentMinor", values.flatRent);
  fields.minimumGuaranteeMinor = money("minimumGuaranteeMinor", values.minimumGuarantee);
  return { fields, errors };
}
