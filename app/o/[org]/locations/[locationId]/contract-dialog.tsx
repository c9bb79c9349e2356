"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { Field, TextField, controlClasses } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useDialogForm } from "~/app/_components/forms/use-dialog-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { HostContractView } from "~/server/hosts/contract";
import { addMonths, currentMonth } from "../../hosts/months";
import { commissionKinds, formValuesFrom, toSaveFields, type CommissionKind } from "./contract-form-values";
import { TiersEditor } from "./tiers-editor";

/**
 * Sets a new host contract for the location from a month on, filled from `from` (the latest
 * contract) so a change is a small edit. Rates are typed as percentages, amounts in the org's currency.
 */
export function ContractDialog({ trigger, locationId, locationName, from }: { trigger: React.ReactNode; locationId: string; locationName: string; from: HostContractView | null }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations("locations.contractForm");
  const problemTexts = useTranslations("locations.contractForm.problems");
  const locale = useLocale();
  const thisMonth = currentMonth(org.timeZone);
  const start = from && addMonths(from.effectiveFrom, 1) > thisMonth ? addMonths(from.effectiveFrom, 1) : thisMonth;
  const initial = formValuesFrom(from ? { ...from, currency: org.currency } : null, start);
  const { open, setOpen, values, localErrors, setLocalErrors, controls } = useDialogForm(initial);
  const save = useMutation(
    trpc.hosts.contracts.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() });
        setOpen(false);
      },
    }),
  );
  const { openChange, set } = controls([save]);
  const errors = { ...fieldErrorsOf(save.error), ...localErrors };
  const money = org.currency;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const { fields, errors: found } = toSaveFields(values, org.currency, problemTexts, locale);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({ orgId: org.id, locationId, ...fields });
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  // The server names the missing rule at the single rate; show it where the person chooses the kind.
  const ruleErrors = values.kind === "percent" ? undefined : errors.percentBp;
  return (
    <Modal open={open} onOpenChange={(next) => !save.isPending && openChange(next)} trigger={trigger} title={t("title", { location: locationName })} description={t("description")} wide>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={hasFieldErrors ? t("checkFields") : save.error ? errorMessageOf(save.error) : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("startsIn")}
            name="effectiveFrom"
            type="month"
            required
            value={values.effectiveFrom}
            onChange={(e) => set({ effectiveFrom: e.target.value })}
            errors={errors.effectiveFrom}
            hint={t("startsInHint")}
          />
          <Field label={t("commission")} errors={ruleErrors}>
            {(control) => (
              <NativeSelect {...control} name="kind" value={values.kind} onChange={(e) => set({ kind: e.target.value as CommissionKind })} className="w-full">
                {commissionKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
        </div>
        {values.kind !== "none" && (
          <fieldset className="space-y-4 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <legend className="px-1 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("percentage")}</legend>
            <Field label={t("basis")} errors={errors.basis} hint={t("basisHint")}>
              {(control) => (
                <NativeSelect {...control} name="basis" value={values.basis} onChange={(e) => set({ basis: e.target.value as "gross" | "net" })} className="w-full sm:w-56">
                  <option value="net">{t("net")}</option>
                  <option value="gross">{t("gross")}</option>
                </NativeSelect>
              )}
            </Field>
            {values.kind === "percent" && (
              <PercentField label={t("rate")} name="percent" value={values.percent} onChange={(percent) => set({ percent })} errors={errors.percentBp} />
            )}
            {values.kind === "split" && (
              <div className="grid gap-4 sm:grid-cols-2">
                <PercentField label={t("cashRate")} name="cashPercent" value={values.cashPercent} onChange={(cashPercent) => set({ cashPercent })} errors={errors.cashPercentBp} />
                <PercentField
                  label={t("cashlessRate")}
                  name="cashlessPercent"
                  value={values.cashlessPercent}
                  onChange={(cashlessPercent) => set({ cashlessPercent })}
                  errors={errors.cashlessPercentBp}
                  hint={t("cashlessHint")}
                />
              </div>
            )}
            {values.kind === "tiers" && <TiersEditor tiers={values.tiers} currency={money} onChange={(tiers) => set({ tiers })} errors={errors.tiers} />}
          </fieldset>
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <MoneyField label={t("perUnit", { currency: money })} name="perUnit" value={values.perUnit} onChange={(perUnit) => set({ perUnit })} errors={errors.perUnitMinor} />
          <MoneyField label={t("rent", { currency: money })} name="flatRent" value={values.flatRent} onChange={(flatRent) => set({ flatRent })} errors={errors.flatRentMinor} hint={t("rentHint")} />
          <MoneyField
            label={t("minimum", { currency: money })}
            name="minimumGuarantee"
            value={values.minimumGuarantee}
            onChange={(minimumGuarantee) => set({ minimumGuarantee })}
            errors={errors.minimumGuaranteeMinor}
            hint={t("minimumHint")}
          />
        </div>
        <Field label={t("contacts")} optional errors={errors.contactEmails} hint={t("contactsHint")}>
          {(control) => (
            <textarea
              {...control}
              name="contactEmails"
              rows={2}
              autoComplete="off"
              value={values.contactEmails}
              onChange={(e) => set({ contactEmails: e.target.value })}
              className={`${controlClasses} h-auto resize-y py-2`}
            />
          )}
        </Field>
        <Field label={t("notes")} optional errors={errors.notes}>
          {(control) => (
            <textarea {...control} name="notes" rows={2} maxLength={2000} value={values.notes} onChange={(e) => set({ notes: e.target.value })} className={`${controlClasses} h-auto resize-y py-2`} />
          )}
        </Field>
        <DialogActions pending={save.isPending} onCancel={() => openChange(false)} submitLabel={t("save")} />
      </form>
    </Modal>
  );
}

function PercentField({ label, name, value, onChange, errors, hint }: { label: string; name: string; value: string; onChange: (v: string) => void; errors?: string[]; hint?: string }) {
  return (
    <Field label={label} errors={errors} hint={hint}>
      {(control) => (
        <input {...control} name={name} inputMode="decimal" autoComplete="off" placeholder="15" value={value} onChange={(e) => onChange(e.target.value)} className={`${controlClasses} sm:w-40`} />
      )}
    </Field>
  );
}

function MoneyField({ label, name, value, onChange, errors, hint }: { label: string; name: string; value: string; onChange: (v: string) => void; errors?: string[]; hint?: string }) {
  return <TextField label={label} name={name} optional inputMode="decimal" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} errors={errors} hint={hint} />;
}
