"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { Button } from "~/app/_components/ui/button";
import { SecretOnce } from "~/app/_components/ui/secret-once";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { apiAccesses, apiResources, createApiKeyInput, type ApiScope } from "~/server/tenancy/contract";

/** The end of the chosen day in the browser's zone, for an `<input type="date">` value. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59`);

/** Creates a key: name, scopes (read or write per resource) and an optional expiry; shows the key once. */
export function ApiKeyDialog({ trigger }: { trigger: React.ReactNode }) {
  const t = useTranslations("settings.apiKeys");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [expiry, setExpiry] = useState("");
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  // The list refreshes when the dialog closes: the first key replaces the empty state (and this
  // dialog's trigger) with the list, which would unmount the dialog with the secret still unread.
  const create = useMutation(trpc.apiKeys.create.mutationOptions());
  const errors = { ...fieldErrorsOf(create.error), ...localErrors };
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next && create.data) void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
    create.reset();
    setLocalErrors({});
    if (next) {
      setName("");
      setScopes([]);
      setExpiry("");
    }
  };
  const toggle = (scope: ApiScope, on: boolean) => {
    setScopes(on ? [...scopes, scope] : scopes.filter((s) => s !== scope));
    setLocalErrors({});
  };
  return (
    <Modal open={open} onOpenChange={onOpenChange} trigger={trigger} title={create.data ? t("createdTitle") : t("createTitle")} keepOpenOnOutsideClick={Boolean(create.data)}>
      {create.data ? (
        <SecretOnce
          note={t("secretNote")}
          label={t("secretLabel")}
          value={create.data.key}
          onDone={() => onOpenChange(false)}
        />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const input = { name, scopes, expiresAt: expiry ? endOfDay(expiry) : null };
            // The server's own rules, checked before asking it.
            const parsed = createApiKeyInput.safeParse(input);
            setLocalErrors(parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as FieldErrors));
            if (parsed.success) create.mutate({ orgId: org.id, ...input });
          }}
        >
          <TextField
            label={t("name")}
            required
            placeholder={t("namePlaceholder")}
            value={name}
            errors={errors.name}
            onChange={(e) => {
              setName(e.target.value);
              setLocalErrors({});
            }}
          />
          <fieldset aria-describedby={errors.scopes ? "api-key-scopes-error" : undefined}>
            <legend className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("scopes")}</legend>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("scopesHint")}</p>
            <table className="mt-2 w-full text-[13px]">
              <thead>
                <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
                  <th scope="col" className="py-1 font-medium">{t("resource")}</th>
                  {apiAccesses.map((access) => (
                    <th key={access} scope="col" className="w-16 py-1 text-center font-medium">
                      {access === "read" ? t("read") : t("write")}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {apiResources.map((resource) => (
                  <tr key={resource}>
                    <th scope="row" className="py-1.5 text-left font-normal text-zinc-800 dark:text-zinc-200">
                      {t(`resources.${resource}`)}
                    </th>
                    {apiAccesses.map((access) => {
                      const scope: ApiScope = `${resource}:${access}`;
                      return (
                        <td key={access} className="py-1.5 text-center">
                          <input
                            type="checkbox"
                            aria-label={t("scopeAria", { resource: t(`resources.${resource}`), access })}
                            className="size-4 accent-zinc-900 dark:accent-zinc-100"
                            checked={scopes.includes(scope)}
                            onChange={(e) => toggle(scope, e.target.checked)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            {errors.scopes && (
              <p id="api-key-scopes-error" className="mt-1 text-xs text-red-600 dark:text-red-400">
                {errors.scopes[0]}
              </p>
            )}
          </fieldset>
          <TextField
            label={t("expiresOn")}
            optional
            type="date"
            hint={t("expiresHint")}
            value={expiry}
            errors={errors.expiresAt}
            onChange={(e) => {
              setExpiry(e.target.value);
              setLocalErrors({});
            }}
          />
          <FormAlert message={Object.keys(errors).length ? null : errorMessageOf(create.error)} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => onOpenChange(false)}>{t("cancel")}</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {t("create")}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
