"use client";

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
  return (
    <fieldset className="space-y-5">
      <legend className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">On receipts</legend>
      <TextField
        label="Legal name"
        name="legalName"
        optional
        autoComplete="organization"
        placeholder="Example Vending GmbH"
        value={values.legalName}
        onChange={(e) => onChange({ legalName: e.target.value })}
        errors={errors.legalName}
        hint="The registered company name; receipts show the organization name when this is empty."
      />
      <Field label="Address" optional errors={errors.legalAddress} hint="The registered address, as it should appear on receipts.">
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
          label="VAT number"
          name="vatNumber"
          optional
          autoComplete="off"
          spellCheck={false}
          placeholder="DE123456789"
          value={values.vatNumber}
          onChange={(e) => onChange({ vatNumber: e.target.value })}
          errors={errors.vatNumber}
          className="font-mono"
        />
        <TextField
          label="Default VAT rate (%)"
          name="defaultVatRate"
          required
          inputMode="decimal"
          placeholder="19"
          value={values.defaultVatRate}
          onChange={(e) => onChange({ defaultVatRate: e.target.value })}
          errors={errors.defaultVatRate}
          hint="Included in prices. A product can set its own rate; a sale keeps the rate of the day it was made."
          className="tabular"
        />
      </div>
    </fieldset>
  );
}
