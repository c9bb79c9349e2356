"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { Field, TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useDialogForm } from "~/app/_components/forms/use-dialog-form";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { locationInput, locationKinds, type LocationKind } from "~/server/fleet/contract";
import { useLocationKindLabel } from "./location-kinds";

export type LocationRow = RouterOutputs["locations"]["list"][number];

interface Values {
  name: string;
  kind: LocationKind;
  address: string;
  latitude: string;
  longitude: string;
}

/** A typed coordinate as a number: null when left empty, NaN (refused by the schema) when not a decimal. */
const coordinate = (text: string) => (text.trim() === "" ? null : /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN);

/** Adds a location, or edits `location`: name, kind, address and optional coordinates. */
export function LocationDialog({ trigger, location }: { trigger: React.ReactNode; location?: LocationRow }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations("locations.dialog");
  const kindLabel = useLocationKindLabel();
  const initial: Values = {
    name: location?.name ?? "",
    kind: location?.kind ?? "office",
    address: location?.address ?? "",
    latitude: location?.latitude?.toString() ?? "",
    longitude: location?.longitude?.toString() ?? "",
  };
  const { open, setOpen, values, localErrors: local, setLocalErrors: setLocal, controls } = useDialogForm(initial);
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.locations.list.queryKey({ orgId: org.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.machines.pathKey() });
    setOpen(false);
  };
  const create = useMutation(trpc.locations.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.locations.update.mutationOptions({ onSuccess }));
  const mutation = location ? update : create;
  const { openChange, set } = controls([create, update]);
  const errors = { ...fieldErrorsOf(mutation.error), ...local };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      name: values.name,
      kind: values.kind,
      address: values.address,
      latitude: coordinate(values.latitude),
      longitude: coordinate(values.longitude),
    };
    const found = formErrors(locationInput, input);
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    if (location) update.mutate({ orgId: org.id, ...input, locationId: location.id });
    else create.mutate({ orgId: org.id, ...input });
  }

  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Modal
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={location ? t("editTitle", { name: location.name }) : t("addTitle")}
      description={location ? undefined : t("description")}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={hasErrors ? t("checkFields") : mutation.error ? errorMessageOf(mutation.error) : null} />
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem]">
          <TextField label={t("name")} name="name" required autoComplete="off" value={values.name} onChange={(e) => set({ name: e.target.value })} errors={errors.name} />
          <Field label={t("kind")} errors={errors.kind}>
            {(control) => (
              <NativeSelect {...control} name="kind" value={values.kind} onChange={(e) => set({ kind: e.target.value as LocationKind })} className="w-full">
                {locationKinds.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
        </div>
        <TextField
          label={t("address")}
          name="address"
          optional
          autoComplete="street-address"
          value={values.address}
          onChange={(e) => set({ address: e.target.value })}
          errors={errors.address}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("latitude")}
            name="latitude"
            optional
            inputMode="decimal"
            placeholder="52.5200"
            value={values.latitude}
            onChange={(e) => set({ latitude: e.target.value })}
            errors={errors.latitude}
            hint={t("latitudeHint")}
          />
          <TextField
            label={t("longitude")}
            name="longitude"
            optional
            inputMode="decimal"
            placeholder="13.4050"
            value={values.longitude}
            onChange={(e) => set({ longitude: e.target.value })}
            errors={errors.longitude}
            hint={t("longitudeHint")}
          />
        </div>
        <DialogActions pending={mutation.isPending} onCancel={() => openChange(false)} submitLabel={location ? t("save") : t("add")} />
      </form>
    </Modal>
  );
}
