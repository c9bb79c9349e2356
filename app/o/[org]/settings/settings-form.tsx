"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { useOrg } from "~/app/_components/org/org-context";
import { OrgSettingsFields, type OrgSettingsValues } from "~/app/_components/org/org-settings-fields";
import { SaveBar } from "~/app/_components/ui/save-bar";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { orgSettingsInput } from "~/server/tenancy/contract";

/** Edits the organization's name, zone, currency and support e-mail (admins and owners). */
export function SettingsForm({ initial, slug }: { initial: OrgSettingsValues; slug: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState<OrgSettingsValues>(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.org.update.mutationOptions({
      onSuccess: (result) => {
        const next = { name: result.name, timeZone: result.timeZone, currency: result.currency, supportEmail: result.supportEmail ?? "" };
        setSaved(next);
        setValues(next);
        // The name, zone and currency show across the shell.
        router.refresh();
      },
    }),
  );
  const errors = { ...fieldErrorsOf(update.error), ...localErrors };
  const hasFieldErrors = Object.keys(errors).length > 0;
  const dirty = (Object.keys(values) as (keyof OrgSettingsValues)[]).some((k) => values[k] !== saved[k]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = formErrors(orgSettingsInput, values);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      update.reset();
      return;
    }
    update.mutate({ orgId: org.id, ...values });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormAlert message={hasFieldErrors ? "Check the highlighted fields." : errorMessageOf(update.error)} />
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
        The address <span className="font-mono">/o/{slug}</span> stays the same; links your team saved keep working.
      </p>
      <SaveBar
        dirty={dirty}
        pending={update.isPending}
        savedMessage={update.isSuccess && !dirty ? "Settings saved." : null}
        onDiscard={() => {
          setLocalErrors({});
          setValues(saved);
        }}
      />
    </form>
  );
}
