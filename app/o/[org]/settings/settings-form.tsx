"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { useOrg } from "~/app/_components/org/org-context";
import { OrgSettingsFields, ReceiptDetailsFields, type OrgSettingsValues, type ReceiptDetailsValues } from "~/app/_components/org/org-settings-fields";
import { TextField } from "~/app/_components/ui/field";
import { SaveBar } from "~/app/_components/ui/save-bar";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { EVENT_RETENTION_MONTHS, orgSettingsInput, vatBpToPercentText, vatPercentToBp } from "~/server/tenancy/contract";

/** What the retention field holds, as the schema reads it: an empty field is no number at all. */
const monthsOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** Edits the organization's name, zone, currency, support e-mail, event retention and receipt details (admins and owners). */
export function SettingsForm({
  initial,
  initialRetentionMonths,
  initialReceipt,
  slug,
}: {
  initial: OrgSettingsValues;
  initialRetentionMonths: number;
  initialReceipt: ReceiptDetailsValues;
  slug: string;
}) {
  const t = useTranslations("settings.form");
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState<OrgSettingsValues>(initial);
  const [retention, setRetention] = useState(String(initialRetentionMonths));
  const [savedRetention, setSavedRetention] = useState(String(initialRetentionMonths));
  const [receipt, setReceipt] = useState(initialReceipt);
  const [savedReceipt, setSavedReceipt] = useState(initialReceipt);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.org.update.mutationOptions({
      onSuccess: (result) => {
        const next = { name: result.name, timeZone: result.timeZone, currency: result.currency, supportEmail: result.supportEmail ?? "" };
        setSaved(next);
        setValues(next);
        setSavedRetention(String(result.eventRetentionMonths));
        setRetention(String(result.eventRetentionMonths));
        const nextReceipt = {
          legalName: result.legalName ?? "",
          legalAddress: result.legalAddress ?? "",
          vatNumber: result.vatNumber ?? "",
          defaultVatRate: vatBpToPercentText(result.defaultVatRateBp),
        };
        setSavedReceipt(nextReceipt);
        setReceipt(nextReceipt);
        // The name, zone and currency show across the shell.
        router.refresh();
      },
    }),
  );
  const server = fieldErrorsOf(update.error);
  // The API names the rate in basis points; the form has it in percent.
  const errors: FieldErrors = { ...server, ...(server.defaultVatRateBp ? { defaultVatRate: server.defaultVatRateBp } : {}), ...localErrors };
  const hasFieldErrors = Object.keys(errors).length > 0;
  const dirty =
    (Object.keys(values) as (keyof OrgSettingsValues)[]).some((k) => values[k] !== saved[k]) ||
    retention !== savedRetention ||
    (Object.keys(receipt) as (keyof ReceiptDetailsValues)[]).some((k) => receipt[k] !== savedReceipt[k]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      ...values,
      eventRetentionMonths: monthsOf(retention),
      legalName: receipt.legalName,
      legalAddress: receipt.legalAddress,
      vatNumber: receipt.vatNumber,
      defaultVatRateBp: vatPercentToBp(receipt.defaultVatRate),
    };
    const { defaultVatRateBp: rateErrors, ...rest } = formErrors(orgSettingsInput, input);
    const found: FieldErrors = { ...rest, ...(rateErrors ? { defaultVatRate: rateErrors } : {}) };
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      update.reset();
      return;
    }
    update.mutate({ orgId: org.id, ...input });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormAlert message={hasFieldErrors ? t("checkFields") : errorMessageOf(update.error)} />
      <OrgSettingsFields
        values={values}
        onChange={(change) => {
          update.reset();
          setLocalErrors({});
          setValues((v) => ({ ...v, ...change }));
        }}
        errors={errors}
      />
      <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
        {t.rich("addressStays", { slug, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
      </p>
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label={t("retention")}
          name="eventRetentionMonths"
          type="number"
          inputMode="numeric"
          min={EVENT_RETENTION_MONTHS.min}
          max={EVENT_RETENTION_MONTHS.max}
          step={1}
          required
          value={retention}
          onChange={(e) => {
            update.reset();
            setLocalErrors({});
            setRetention(e.target.value);
          }}
          errors={errors.eventRetentionMonths}
          hint={t("retentionHint")}
        />
      </div>
      <div className="border-t border-zinc-100 pt-5 dark:border-zinc-800">
        <ReceiptDetailsFields
          values={receipt}
          onChange={(change) => {
            update.reset();
            setLocalErrors({});
            setReceipt((r) => ({ ...r, ...change }));
          }}
          errors={errors}
        />
      </div>
      <SaveBar
        dirty={dirty}
        pending={update.isPending}
        savedMessage={update.isSuccess && !dirty ? t("saved") : null}
        onDiscard={() => {
          setLocalErrors({});
          setValues(saved);
          setRetention(savedRetention);
          setReceipt(savedReceipt);
        }}
      />
    </form>
  );
}
