"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { Field, TextField, controlClasses } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { WeekdayPicker } from "~/app/_components/ui/weekday-picker";
import { useOrg } from "~/app/_components/org/org-context";
import { useDialogForm } from "~/app/_components/forms/use-dialog-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { deliveryRouteInput } from "~/server/replenishment/contract";

export type RouteRow = RouterOutputs["routes"]["list"][number];

interface Values {
  name: string;
  technicianId: string;
  notes: string;
  machineIds: string[];
  /** Whether the route has its own working days rather than the org's. */
  ownDays: boolean;
  workingDays: number[];
  maxStops: string;
  maxUnits: string;
}

/** An optional whole number typed in a box: empty is no limit (null); anything else the schema judges. */
const limitOf = (text: string) => (text.trim() === "" ? null : Number(text.trim()));

/** Creates a route, or edits `route`: name, technician, notes, its machines in visiting order, working days and daily capacity. */
export function RouteDialog({ trigger, route }: { trigger: React.ReactNode; route?: RouteRow }) {
  const t = useTranslations("routes.dialog");
  const roles = useTranslations("common.roles");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: technicians } = useSuspenseQuery(trpc.routes.technicians.queryOptions({ orgId: org.id }));
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const { data: routes } = useSuspenseQuery(trpc.routes.list.queryOptions({ orgId: org.id }));
  const { data: settings } = useSuspenseQuery(trpc.plans.settings.queryOptions({ orgId: org.id }));
  const initial: Values = {
    name: route?.name ?? "",
    technicianId: route?.technician?.id ?? "",
    notes: route?.notes ?? "",
    machineIds: route?.machines.map((m) => m.id) ?? [],
    ownDays: Boolean(route?.workingDays),
    workingDays: route?.workingDays ?? settings.workingDays,
    maxStops: route?.maxStops ? String(route.maxStops) : "",
    maxUnits: route?.maxUnits ? String(route.maxUnits) : "",
  };
  const { open, setOpen, values, localErrors, setLocalErrors, controls } = useDialogForm(initial);
  const [adding, setAdding] = useState("");
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.routes.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
    setOpen(false);
  };
  const create = useMutation(trpc.routes.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.routes.update.mutationOptions({ onSuccess }));
  const mutation = route ? update : create;
  const { openChange, set } = controls([create, update]);
  const errors = { ...fieldErrorsOf(mutation.error), ...localErrors };
  const nameOf = useMemo(() => new Map(machines.map((m) => [m.id, m.name])), [machines]);
  const routeOf = useMemo(() => new Map(routes.flatMap((r) => r.machines.map((m) => [m.id, r] as const))), [routes]);
  const available = machines.filter((m) => !values.machineIds.includes(m.id));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = deliveryRouteInput.safeParse({
      name: values.name,
      technicianId: values.technicianId || null,
      notes: values.notes,
      machineIds: values.machineIds,
      workingDays: values.ownDays ? values.workingDays : null,
      maxStops: limitOf(values.maxStops),
      maxUnits: limitOf(values.maxUnits),
    });
    if (!parsed.success) {
      const found: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= [issue.message];
      setLocalErrors(found);
      return;
    }
    const input = { orgId: org.id, ...parsed.data };
    if (route) update.mutate({ ...input, routeId: route.id });
    else create.mutate(input);
  }
  const move = (i: number, by: number) => {
    const ids = [...values.machineIds];
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id!);
    set({ machineIds: ids });
  };

  return (
    <Modal open={open} onOpenChange={openChange} trigger={trigger} title={route ? t("editTitle", { name: route.name }) : t("newTitle")} description={t("description")}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={Object.keys(errors).length > 0 ? t("checkFields") : mutation.error ? errorMessageOf(mutation.error) : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("name")} name="name" required autoComplete="off" value={values.name} onChange={(e) => set({ name: e.target.value })} errors={errors.name} />
          <Field label={t("technician")} optional errors={errors.technicianId}>
            {(control) => (
              <NativeSelect {...control} value={values.technicianId} onChange={(e) => set({ technicianId: e.target.value })} className="w-full">
                <option value="">{t("unassigned")}</option>
                {technicians.map((m) => (
                  <option key={m.id} value={m.id}>
                    {t("technicianOption", { name: m.name, role: roles(m.role).toLowerCase() })}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
        </div>
        <Field label={t("notes")} optional errors={errors.notes}>
          {(control) => <textarea {...control} rows={2} value={values.notes} onChange={(e) => set({ notes: e.target.value })} className={`${controlClasses} h-auto py-2`} />}
        </Field>
        <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
          <legend className="px-1 text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("daysAndCapacity")}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={values.ownDays} onChange={(e) => set({ ownDays: e.target.checked })} className="size-4 accent-brand-600" />
            {t("ownDays")}
          </label>
          <WeekdayPicker
            legend={t("routeDays")}
            value={values.ownDays ? values.workingDays : settings.workingDays}
            onChange={(workingDays) => set({ workingDays })}
            disabled={!values.ownDays}
            errors={errors.workingDays}
            hint={values.ownDays ? t("routeDaysHint") : t("orgDaysHint")}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("maxStops")}
              name="maxStops"
              optional
              inputMode="numeric"
              value={values.maxStops}
              onChange={(e) => set({ maxStops: e.target.value })}
              errors={errors.maxStops}
              hint={t("maxStopsHint")}
            />
            <TextField
              label={t("maxUnits")}
              name="maxUnits"
              optional
              inputMode="numeric"
              value={values.maxUnits}
              onChange={(e) => set({ maxUnits: e.target.value })}
              errors={errors.maxUnits}
              hint={t("maxUnitsHint")}
            />
          </div>
        </fieldset>
        <Field label={t("addMachine")} errors={errors.machineIds} hint={t("addMachineHint")}>
          {(control) => (
            <NativeSelect
              {...control}
              value={adding}
              onChange={(e) => {
                if (e.target.value) set({ machineIds: [...values.machineIds, e.target.value] });
                setAdding("");
              }}
              className="w-full"
            >
              <option value="">{t("chooseMachine")}</option>
              {available.map((m) => {
                const other = routeOf.get(m.id);
                return (
                  <option key={m.id} value={m.id}>
                    {other && other.id !== route?.id ? t("machineOnRoute", { name: m.name, route: other.name }) : m.name}
                  </option>
                );
              })}
            </NativeSelect>
          )}
        </Field>
        {values.machineIds.length > 0 && (
          <ol aria-label={t("machinesOnRoute")} className="max-h-60 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {values.machineIds.map((id, i) => (
              <li key={id} className="flex items-center gap-2 px-3 py-1.5 text-sm">
                <span className="w-5 text-right text-zinc-500 tabular">{i + 1}.</span>
                <span className="min-w-0 flex-1 truncate">{nameOf.get(id) ?? id}</span>
                <Button type="button" variant="ghost" size="sm" aria-label={t("moveUp", { name: nameOf.get(id) ?? id })} disabled={i === 0} onClick={() => move(i, -1)}>
                  <ArrowUp aria-hidden />
                </Button>
                <Button type="button" variant="ghost" size="sm" aria-label={t("moveDown", { name: nameOf.get(id) ?? id })} disabled={i === values.machineIds.length - 1} onClick={() => move(i, 1)}>
                  <ArrowDown aria-hidden />
                </Button>
                <Button type="button" variant="ghost" size="sm" aria-label={t("remove", { name: nameOf.get(id) ?? id })} onClick={() => set({ machineIds: values.machineIds.filter((x) => x !== id) })}>
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ol>
        )}
        <DialogActions pending={mutation.isPending} onCancel={() => openChange(false)} submitLabel={route ? t("save") : t("create")} />
      </form>
    </Modal>
  );
}
