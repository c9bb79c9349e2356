"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "~/app/_components/form-alert";
import { useOrg } from "~/app/_components/org-context";
import { OrgSettingsFields, type OrgSettingsValues } from "~/app/_components/org-settings-fields";
import { SaveBar } from "~/app/_components/save-bar";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";

/** Edits the organization's name, zone, currency and support e-mail (admins and owners). */
export function SettingsForm({ initial, slug }: { initial: OrgSettingsValues; slug: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState<OrgSettingsValues>(initial);
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
  const errors = fieldErrorsOf(update.error);
  const hasFieldErrors = Object.keys(errors).length > 0;
  const dirty = (Object.keys(values) as (keyof OrgSettingsValues)[]).some((k) => values[k] !== saved[k]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    update.mutate({ orgId: org.id, ...values });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormAlert message={update.error ? (hasFieldErrors ? "Check the highlighted fields." : errorMessageOf(update.error)) : null} />
      <OrgSettingsFields
        values={values}
        onChange={(change) => {
          update.reset();
          setValues((v) => ({ ...v, ...change }));
        }}
        errors={errors}
      />
      <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
        The address <span className="font-mono">/o/{slug}</span> stays the same; links your team saved keep working.
      </p>
      <SaveBar dirty={dirty} pending={update.isPending} savedMessage={update.isSuccess && !dirty ? "Settings saved." : null} onDiscard={() => setValues(saved)} />
    </form>
  );
}
