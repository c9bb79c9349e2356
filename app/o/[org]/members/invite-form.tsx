"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Field, TextField } from "~/app/_components/ui/field";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { createInvitationInput, type MemberRole, roleLadder } from "~/server/tenancy/contract";
import type { CreatedInvitation } from "./invitation-link";

/** E-mail and role; creating the invitation returns its link, shown by the panel. */
export function InviteForm({ onCreated }: { onCreated: (invitation: CreatedInvitation) => void }) {
  const org = useOrg();
  const t = useTranslations("members.invite");
  const roles = useTranslations("common.roles");
  const roleDescriptions = useTranslations("common.roleDescriptions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<MemberRole>("viewer");
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: (result) => {
        onCreated({
          url: `${window.location.origin}${result.path}`,
          email: result.invitation.email,
          role: result.invitation.role,
          emailed: result.emailed,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey({ orgId: org.id }) });
      },
    }),
  );
  const fieldErrors = { ...fieldErrorsOf(create.error), ...localErrors };
  const formError = create.error && Object.keys(fieldErrors).length === 0 ? errorMessageOf(create.error) : null;
  const assignable = [...roleLadder].reverse().filter((r) => r !== "owner" || org.role === "owner");

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = String(new FormData(form).get("email") ?? "");
    const found = formErrors(createInvitationInput, { email, role });
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      create.reset();
      return;
    }
    create.mutate({ orgId: org.id, email, role }, { onSuccess: () => form.reset() });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("label")}>
      <FormAlert message={formError} className="[&:not(:empty)]:mb-3" />
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-start">
        <TextField
          label={t("email")}
          name="email"
          type="email"
          autoComplete="off"
          placeholder={t("emailPlaceholder")}
          required
          errors={fieldErrors.email}
        />
        <Field label={t("role")} errors={fieldErrors.role} hint={roleDescriptions(role)}>
          {(control) => (
            <NativeSelect
              {...control}
              name="role"
              value={role}
              onChange={(e) => setRole(e.target.value as MemberRole)}
              className="w-full"
            >
              {assignable.map((r) => (
                <option key={r} value={r}>
                  {roles(r)}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={create.isPending} className="sm:mt-[26px]">
          {create.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
          {t("send")}
        </Button>
      </div>
    </form>
  );
}
