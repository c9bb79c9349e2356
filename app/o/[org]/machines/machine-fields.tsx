"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Field, TextField } from "~/app/_components/ui/field";
import { formErrors } from "~/app/_components/forms/form-check";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { FieldErrors } from "~/server/errors";
import { machineInput } from "~/server/fleet/contract";

export interface MachineValues {
  name: string;
  serial: string;
  model: string;
  /** "" for no location. */
  locationId: string;
}

export const emptyMachine: MachineValues = { name: "", serial: "", model: "", locationId: "" };

/** The values as the server takes them, and what its schema says about them before they are sent. */
export function machineSubmission(values: MachineValues) {
  const input = { ...values, locationId: values.locationId || null };
  return { input, errors: formErrors(machineInput, input) };
}

/** Name, serial, model and location: the fields of registering and of editing a machine. */
export function MachineFields({
  values,
  onChange,
  errors,
}: {
  values: MachineValues;
  onChange: (change: Partial<MachineValues>) => void;
  errors: FieldErrors;
}) {
  const org = useOrg();
  const trpc = useTRPC();
  const t = useTranslations("machines.form");
  const locations = useQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  return (
    <div className="space-y-4">
      <TextField
        label={t("name")}
        name="name"
        required
        autoComplete="off"
        placeholder={t("namePlaceholder")}
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
        errors={errors.name}
        hint={t("nameHint")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("serial")}
          name="serial"
          required
          autoComplete="off"
          spellCheck={false}
          value={values.serial}
          onChange={(e) => onChange({ serial: e.target.value })}
          errors={errors.serial}
          className="font-mono"
        />
        <TextField
          label={t("model")}
          name="model"
          optional
          autoComplete="off"
          value={values.model}
          onChange={(e) => onChange({ model: e.target.value })}
          errors={errors.model}
        />
      </div>
      <Field label={t("location")} optional errors={errors.locationId} hint={locations.data?.length === 0 ? t("locationHint") : undefined}>
        {(control) => (
          <NativeSelect
            {...control}
            name="locationId"
            value={values.locationId}
            disabled={locations.isPending}
            onChange={(e) => onChange({ locationId: e.target.value })}
            className="w-full"
          >
            <option value="">{locations.isPending ? t("loadingLocations") : t("noLocation")}</option>
            {locations.data?.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
    </div>
  );
}
