"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { DialogActions } from "~/app/_components/dialog-actions";
import { FormAlert } from "~/app/_components/form-alert";
import { Modal } from "~/app/_components/modal";
import { useOrg } from "~/app/_components/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { MachineFields, type MachineValues } from "../machine-fields";
import { useMachine, useRefreshMachine } from "./use-machine";

/** Changes a machine's name, serial, model and location. */
export function EditMachineDialog({ machineId, trigger }: { machineId: string; trigger: React.ReactNode }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { machine } = useMachine(machineId);
  const refresh = useRefreshMachine(machineId);
  const current: MachineValues = { name: machine.name, serial: machine.serial, model: machine.model, locationId: machine.locationId ?? "" };
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<MachineValues>(current);
  const update = useMutation(
    trpc.machines.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setOpen(false);
      },
    }),
  );
  const errors = fieldErrorsOf(update.error);

  function openChange(next: boolean) {
    setOpen(next);
    update.reset();
    if (next) setValues(current);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    update.mutate({ orgId: org.id, machineId, ...values, locationId: values.locationId || null });
  }

  return (
    <Modal open={open} onOpenChange={openChange} trigger={trigger} title="Edit machine" description="The machine keeps its id and its secret.">
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={update.error ? (Object.keys(errors).length > 0 ? "Check the highlighted fields." : errorMessageOf(update.error)) : null} />
        <MachineFields values={values} errors={errors} onChange={(change) => setValues((v) => ({ ...v, ...change }))} />
        <DialogActions pending={update.isPending} onCancel={() => openChange(false)} submitLabel="Save changes" />
      </form>
    </Modal>
  );
}
