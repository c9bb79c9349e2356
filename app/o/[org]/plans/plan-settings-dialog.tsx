"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
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
    if (cost === null || Number.isNaN(cost)) found.visitCost = [`Enter the cost of one visit in ${settings.currency}. ${amountHint(settings.currency)}`];
    const emptyHour = parseMajor(values.emptyHourCost, settings.currency);
    if (emptyHour === null || Number.isNaN(emptyHour)) found.emptyHourCost = [`Enter what an empty slot costs an hour in ${settings.currency}. ${amountHint(settings.currency)}`];
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
    if (parsed.success && values.workEnd <= values.workStart) found.workEnd = [replenishmentMessages.work_end_before_start.en];
    setLocalErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    save.mutate({ orgId: org.id, ...parsed.data });
  }

  return (
    <Modal open={open} onOpenChange={openChange} trigger={trigger} title="Planning settings" description="How visits are weighed, how full slots are made, and when technicians work.">
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={Object.keys(errors).length > 0 ? "Check the highlighted fields." : save.error ? errorMessageOf(save.error) : null} />
        <TextField
          label={`Cost of a visit (${settings.currency})`}
          name="visitCost"
          inputMode="decimal"
          value={values.visitCost}
          onChange={(e) => set({ visitCost: e.target.value })}
          errors={errors.visitCost ?? serverCost}
          hint="Time and travel of one stop. A machine is visited when the margin it would otherwise lose is worth more."
        />
        <TextField
          label={`Cost of an empty slot, per hour (${settings.currency})`}
          name="emptyHourCost"
          inputMode="decimal"
          value={values.emptyHourCost}
          onChange={(e) => set({ emptyHourCost: e.target.value })}
          errors={errors.emptyHourCost ?? errors.emptySlotHourMinor}
          hint="Beyond the sales it loses: customers who find their product missing come back less. Higher values visit sooner, so fewer slots stand empty; 0 weighs lost margin only."
        />
        <Field label="Fill slots to" errors={errors.fillTo} hint="Capacity fills every slot; par leaves room and brings less.">
          {(control) => (
            <NativeSelect {...control} value={values.fillTo} onChange={(e) => set({ fillTo: e.target.value as Values["fillTo"] })} className="w-full">
              <option value="capacity">Capacity</option>
              <option value="par">Par level</option>
            </NativeSelect>
          )}
        </Field>
        <TextField
          label="Sell-out alert threshold (%)"
          name="threshold"
          inputMode="numeric"
          value={values.threshold}
          onChange={(e) => set({ threshold: e.target.value })}
          errors={errors.threshold ?? errors.selloutThreshold}
          hint="Alert when a slot is at least this likely to sell out before its machine's next planned visit."
        />
        <WeekdayPicker
          legend="Working days"
          value={values.workingDays}
          onChange={(workingDays) => set({ workingDays })}
          errors={errors.workingDays}
          hint="Visits are planned on these days only. A route can have its own days."
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Day starts" name="workStart" type="time" value={values.workStart} onChange={(e) => set({ workStart: e.target.value })} errors={errors.workStart} />
          <TextField label="Day ends" name="workEnd" type="time" value={values.workEnd} onChange={(e) => set({ workEnd: e.target.value })} errors={errors.workEnd} />
          <TextField
            label="Same-day cut-off"
            name="sameDayCutoff"
            type="time"
            value={values.sameDayCutoff}
            onChange={(e) => set({ sameDayCutoff: e.target.value })}
            errors={errors.sameDayCutoff}
          />
        </div>
        <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Times are in {org.timeZone}. After the cut-off (or the end of the day), a visit due today moves to the next working day.
        </p>
        <DialogActions pending={save.isPending} onCancel={() => openChange(false)} submitLabel="Save settings" />
      </form>
    </Modal>
  );
}
