"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, buttonClasses } from "~/app/_components/ui/button";
import { DialogActions, DialogFooter } from "~/app/_components/ui/dialog-actions";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { useUrlQuery } from "~/app/_components/hooks/use-url-query";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { ConnectMachine } from "./connect-machine";
import { MachineCredentials } from "./machine-credentials";
import { MachineFields, emptyMachine, machineSubmission, type MachineValues } from "./machine-fields";

/**
 * Registers a machine (name, serial, model, location) and then shows its credentials, once.
 * `openFromUrl`: opens by itself on `?register=1` (the overview's "Register a machine" link).
 */
export function RegisterMachineDialog({ trigger, openFromUrl }: { trigger: React.ReactNode; openFromUrl?: boolean }) {
  const org = useOrg();
  const trpc = useTRPC();
  const t = useTranslations("machines.register");
  const queryClient = useQueryClient();
  const [params, updateUrl] = useUrlQuery();
  const [open, setOpen] = useState(Boolean(openFromUrl) && params.get("register") === "1");
  const [values, setValues] = useState<MachineValues>(emptyMachine);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  // The lists refresh when the dialog closes, not when the machine is created: the first machine
  // replaces the empty fleet (and this dialog's trigger) with the table, which would unmount the
  // dialog with the credentials still unread.
  const register = useMutation(trpc.machines.register.mutationOptions());
  const errors = { ...fieldErrorsOf(register.error), ...localErrors };
  const hasErrors = Object.keys(errors).length > 0;
  const created = register.data;

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      if (register.data) {
        void queryClient.invalidateQueries({ queryKey: trpc.machines.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.locations.list.queryKey({ orgId: org.id }) });
      }
      register.reset();
      setValues(emptyMachine);
      setLocalErrors({});
      if (params.get("register")) updateUrl({ register: null });
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const { input, errors: found } = machineSubmission(values);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    register.mutate({ orgId: org.id, ...input });
  }

  return (
    <Modal
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={created ? t("registered", { name: created.machine.name }) : t("title")}
      description={created ? t("registeredDescription") : t("description")}
      keepOpenOnOutsideClick={Boolean(created)}
      wide={Boolean(created)}
    >
      {created ? (
        <>
          <MachineCredentials machineId={created.credentials.machineId} secret={created.credentials.secret} />
          <section aria-labelledby="connect-machine-title" className="mt-5 border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <h3 id="connect-machine-title" className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
              {t("connect")}
            </h3>
            <ConnectMachine machineId={created.credentials.machineId} secret={created.credentials.secret} />
          </section>
          <DialogFooter className="mt-5">
            <Button onClick={() => openChange(false)}>{t("savedSecret")}</Button>
            <Link href={`/o/${org.slug}/machines/${created.machine.id}`} className={buttonClasses("primary")}>
              {t("planogram")}
              <ArrowRight aria-hidden />
            </Link>
          </DialogFooter>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <FormAlert message={hasErrors ? t("checkFields") : errorMessageOf(register.error)} />
          <MachineFields
            values={values}
            errors={errors}
            onChange={(change) => {
              if (register.error) register.reset();
              setLocalErrors({});
              setValues((v) => ({ ...v, ...change }));
            }}
          />
          <DialogActions pending={register.isPending} onCancel={() => openChange(false)} submitLabel={t("submit")} />
        </form>
      )}
    </Modal>
  );
}
