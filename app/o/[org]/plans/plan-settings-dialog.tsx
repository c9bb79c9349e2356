"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { Field, TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { WeekdayPicker } from "~/app/_components/ui/weekday-picker";
import { useOrg } from "~/app/_components/org/org-context";
import { useDialogForm } from "~/app/_components/forms/use-dialog-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { renderMessage } from "~/server/errors";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import { replenishmentMessages, settingsInput, type FillTo } from "~/server/replenishment/contract";

interface Values {
  visitCost: string;
  emptyHourCost: string;
  fillTo: FillTo;
  threshold: string;
  workingDays: number[];
  workStart: string;
  workEnd: string;
  sameDayCutoff: string;
}

/** The form's field each setting is entered in. */
const fieldOf: Record<string, keyof Values> = {
  visitCostMinor: "visitCost",
  emptySlotHourMinor: "emptyHourCost",
  fillTo: "fillTo",
  selloutThreshold: "threshold",
  workingDays: "workingDays",
  workStart: "workStart",
  workEnd: "workEnd",
  sameDayCutoff: "sameDayCutoff",
};

/** Visit cost, fill rule, sell-out alert threshold, working days and hours of the org. */
export function PlanSettingsDialog({ trigger }: { trigger: React.ReactNode }) {
  const t = useTranslations("plans.settings");
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: settings } = useSuspenseQuery(trpc.plans.settings.queryOptions({ orgId: org.id }));
  const initial: Values = {
    visitCost: toMajorText(settings.visitCostMinor, settings.currency),
    emptyHourCost: toMajorText(settings.emptySlotHourMinor, settings.currency),
    fillTo: settings.fillTo,
    threshold: String(Math.round(settings.selloutThreshold * 100)),
    workingDays: settings.workingDays,
    workStart: settings.workStart,
    workEnd: settings.workEnd,
    sameDayCutoff: settings.sameDayCutoff,
  };
  const { open, setOpen, values, localErrors, setLocalErrors, controls } = useDialogForm(initial);
  const save = useMutation(
    trpc.plans.updateSettings.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        setOpen(false);
      },
    }),
  );
  const { openChange, set } = controls([save]);
  const errors = { ...fieldErrorsOf(save.error), ...localErrors };
  const serverCost = errors.visitCostMinor;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found: Record<string, string[]> = {};
    const cost = parseMajor(values.visitCost, settings.currency);
    if (cost === null || Number.isNaN(cost)) found.visitCost = [`${t("visitCostInvalid", { currency: settings.currency })} ${amountHint(settings.currency, locale)}`];
    const emptyHour = parseMajor(values.emptyHourCost, settings.currency);
    if (emptyHour === null || Number.isNaN(emptyHour)) found.emptyHourCost = [`${t("emptyHourCostInvalid", { currency: settings.currency })} ${amountHint(settings.currency, locale)}`];
    // The percentage as the probability the server takes; its own schema judges the rest.
    const threshold = values.threshold.trim() === "" ? Number.NaN : Number(values.threshold) / 100;
    const parsed = settingsInput.safeParse({
      visitCostMinor: cost ?? 0,
      emptySlotHourMinor: emptyHour ?? 0,
      fillTo: values.fillTo,
      selloutThreshold: threshold,
      workingDays: values.workingDays,
      workStart: values.workStart,
      workEnd: values.workEnd,
      sameDayCutoff: values.sameDayCutoff,
    });
    for (const issue of parsed.error?.issues ?? []) {
      const field = fieldOf[String(issue.path[0])];
      if (field && !found[field]) found[field] = [issue.message];
    }
    // "HH:MM" strings compare as the times they name.
    if (parsed.success && values.workEnd <= values.workStart) found.workEnd = [renderMessage(replenishmentMessages.work_end_before_start, {}, locale)];
    setLocalErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    save.mutate({ orgId: org.id, ...parsed.data });
  }

  return (
    <Modal open={open} onOpenChange={openChange} trigger={trigger} title={t("title")} description={t("description")}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={Object.keys(errors).length > 0 ? t("checkFields") : save.error ? errorMessageOf(save.error) : null} />
        <TextField
          label={t("visitCost", { currency: settings.currency })}
          name="visitCost"
          inputMode="decimal"
          value={values.visitCost}
          onChange={(e) => set({ visitCost: e.target.value })}
          errors={errors.visitCost ?? serverCost}
          hint={t("visitCostHint")}
        />
        <TextField
          label={t("emptyHourCost", { currency: settings.currency })}
          name="emptyHourCost"
          inputMode="decimal"
          value={values.emptyHourCost}
          onChange={(e) => set({ emptyHourCost: e.target.value })}
          errors={errors.emptyHourCost ?? errors.emptySlotHourMinor}
          hint={t("emptyHourCostHint")}
        />
        <Field label={t("fillTo")} errors={errors.fillTo} hint={t("fillToHint")}>
          {(control) => (
            <NativeSelect {...control} value={values.fillTo} onChange={(e) => set({ fillTo: e.target.value as Values["fillTo"] })} className="w-full">
              <option value="capacity">{t("fillToCapacity")}</option>
              <option value="par">{t("fillToPar")}</option>
            </NativeSelect>
          )}
        </Field>
        <TextField
          label={t("threshold")}
          name="threshold"
          inputMode="numeric"
          value={values.threshold}
          onChange={(e) => set({ threshold: e.target.value })}
          errors={errors.threshold ?? errors.selloutThreshold}
          hint={t("thresholdHint")}
        />
        <WeekdayPicker
          legend={t("workingDays")}
          value={values.workingDays}
          onChange={(workingDays) => set({ workingDays })}
          errors={errors.workingDays}
          hint={t("workingDaysHint")}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("workStart")} name="workStart" type="time" value={values.workStart} onChange={(e) => set({ workStart: e.target.value })} errors={errors.workStart} />
          <TextField label={t("workEnd")} name="workEnd" type="time" value={values.workEnd} onChange={(e) => set({ workEnd: e.target.value })} errors={errors.workEnd} />
          <TextField
            label={t("sameDayCutoff")}
            name="sameDayCutoff"
            type="time"
            value={values.sameDayCutoff}
            onChange={(e) => set({ sameDayCutoff: e.target.value })}
            errors={errors.sameDayCutoff}
          />
        </div>
        <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          {t("timesNote", { timeZone: org.timeZone })}
        </p>
        <DialogActions pending={save.isPending} onCancel={() => openChange(false)} submitLabel={t("save")} />
      </form>
    </Modal>
  );
}
