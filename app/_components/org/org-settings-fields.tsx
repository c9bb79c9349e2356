"use client";

import { Field, TextField } from "../ui/field";
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
  return (
    <div className="space-y-5">
      <TextField
        label="Organization name"
        name="name"
        autoComplete="organization"
        required
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
        errors={errors.name}
        hint="Your company as your team and customers know it."
      />
      {afterName}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Time zone" errors={errors.timeZone} hint="Days and months in reports are this zone's.">
          {(control) => (
            <SearchableSelect
              control={control}
              value={values.timeZone}
              onChange={(timeZone) => onChange({ timeZone })}
              options={timeZoneOptions}
              searchLabel="Time zones"
            />
          )}
        </Field>
        <Field label="Currency" errors={errors.currency} hint="Prices, sales and refunds are in this currency.">
          {(control) => (
            <SearchableSelect
              control={control}
              value={values.currency}
              onChange={(currency) => onChange({ currency })}
              options={currencyOptions}
              searchLabel="Currencies"
            />
          )}
        </Field>
      </div>
      <TextField
        label="Support e-mail"
        name="supportEmail"
        type="email"
        optional
        autoComplete="email"
        placeholder="support@example.com"
        value={values.supportEmail}
        onChange={(e) => onChange({ supportEmail: e.target.value })}
        errors={errors.supportEmail}
        hint="Where customers can reach you about a purchase."
      />
    </div>
  );
}
