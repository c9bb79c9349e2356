"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { MachineFields, machineSubmission, type MachineValues } from "../machine-fields";
import { useMachine, useRefreshMachine } from "./use-machine";

/** Changes a machine's name, serial, model and location. */
export function EditMachineDialog({ machineId, trigger }: { machineId: string; trigger: React.ReactNode }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { machine } = useMachine(machineId);
  const t = useTranslations("machines.edit");
  const refresh = useRefreshMachine(machineId);
  const current: MachineValues = { name: machine.name, serial: machine.serial, model: machine.model, locationId: machine.locationId ?? "" };
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<MachineValues>(current);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.machines.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setOpen(false);
      },
    }),
  );
  const errors = { ...fieldErrorsOf(update.error), ...localErrors };
  const hasErrors = Object.keys(errors).length > 0;

  function openChange(next: boolean) {
    setOpen(next);
    update.reset();
    setLocalErrors({});
    if (next) setValues(current);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const { input, errors: found } = machineSubmission(values);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ orgId: org.id, machineId, ...input });
  }

  return (
    <Modal open={open} onOpenChange={openChange} trigger={trigger} title={t("title")} description={t("description")}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={hasErrors ? t("checkFields") : errorMessageOf(update.error)} />
        <MachineFields
          values={values}
          errors={errors}
          onChange={(change) => {
            setLocalErrors({});
            setValues((v) => ({ ...v, ...change }));
          }}
        />
        <DialogActions pending={update.isPending} onCancel={() => openChange(false)} submitLabel={t("save")} />
      </form>
    </Modal>
  );
}
