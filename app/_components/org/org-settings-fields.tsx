"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { Field, TextField, controlClasses } from "../ui/field";
import { currencyOptions, timeZoneOptions } from "./org-choices";
import { SearchableSelect } from "../ui/searchable-select";
import type { FieldErrors } from "~/server/errors";

export interface OrgSettingsValues {
  name: string;
  timeZone: string;
  currency: string;
  supportEmail: string;
}

/** Name, time zone, currency and support e-mail: the fields of creating and of editing an org. */
export function OrgSettingsFields({
  values,
  onChange,
  errors,
  afterName,
}: {
  values: OrgSettingsValues;
  onChange: (values: Partial<OrgSettingsValues>) => void;
  errors: FieldErrors;
  /** Rendered after the name, e.g. the address field when creating. */
  afterName?: React.ReactNode;
}) {
  const t = useTranslations("common.shell.orgFields");
  const locale = useLocale();
  const currencies = useCallback(() => currencyOptions(locale), [locale]);
  return (
    <div className="space-y-5">
      <TextField
        label={t("name")}
        name="name"
        autoComplete="organization"
        required
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
        errors={errors.name}
        hint={t("nameHint")}
      />
      {afterName}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label={t("timeZone")} errors={errors.timeZone} hint={t("timeZoneHint")}>
          {(control) => (
            <SearchableSelect
              control={control}
              value={values.timeZone}
              onChange={(timeZone) => onChange({ timeZone })}
              options={timeZoneOptions}
              searchLabel={t("timeZones")}
            />
          )}
        </Field>
        <Field label={t("currency")} errors={errors.currency} hint={t("currencyHint")}>
          {(control) => (
            <SearchableSelect
              control={control}
              value={values.currency}
              onChange={(currency) => onChange({ currency })}
              options={currencies}
              searchLabel={t("currencies")}
            />
          )}
        </Field>
      </div>
      <TextField
        label={t("supportEmail")}
        name="supportEmail"
        type="email"
        optional
        autoComplete="email"
        placeholder={t("supportEmailPlaceholder")}
        value={values.supportEmail}
        onChange={(e) => onChange({ supportEmail: e.target.value })}
        errors={errors.supportEmail}
        hint={t("supportEmailHint")}
      />
    </div>
  );
}

export interface ReceiptDetailsValues {
  legalName: string;
  legalAddress: string;
  vatNumber: string;
  /** In percent, as typed ("19", "7.7"). */
  defaultVatRate: string;
}

/** What every receipt prints about the seller, and the VAT rate of products without their own. */
export function ReceiptDetailsFields({
  values,
  onChange,
  errors,
}: {
  values: ReceiptDetailsValues;
  onChange: (values: Partial<ReceiptDetailsValues>) => void;
  errors: FieldErrors;
}) {
  const t = useTranslations("common.shell.orgFields");
  return (
    <fieldset className="space-y-5">
      <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{t("onReceipts")}</legend>
      <TextField
        label={t("legalName")}
        name="legalName"
        optional
        autoComplete="organization"
        placeholder={t("legalNamePlaceholder")}
        value={values.legalName}
        onChange={(e) => onChange({ legalName: e.target.value })}
        errors={errors.legalName}
        hint={t("legalNameHint")}
      />
      <Field label={t("address")} optional errors={errors.legalAddress} hint={t("addressHint")}>
        {(control) => (
          <textarea
            {...control}
            name="legalAddress"
            rows={3}
            maxLength={400}
            autoComplete="street-address"
            value={values.legalAddress}
            onChange={(e) => onChange({ legalAddress: e.target.value })}
            className={`${controlClasses} h-auto resize-y py-2`}
          />
        )}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label={t("vatNumber")}
          name="vatNumber"
          optional
          autoComplete="off"
          spellCheck={false}
          placeholder={t("vatNumberPlaceholder")}
          value={values.vatNumber}
          onChange={(e) => onChange({ vatNumber: e.target.value })}
          errors={errors.vatNumber}
          className="font-mono"
        />
        <TextField
          label={t("defaultVatRate")}
          name="defaultVatRate"
          required
          inputMode="decimal"
          placeholder={t("defaultVatRatePlaceholder")}
          value={values.defaultVatRate}
          onChange={(e) => onChange({ defaultVatRate: e.target.value })}
          errors={errors.defaultVatRate}
          hint={t("defaultVatRateHint")}
          className="tabular"
        />
      </div>
    </fieldset>
  );
}
