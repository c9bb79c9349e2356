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
import { alertEventTypes, businessEventTypes, endpointInput, type WebhookEventType } from "~/server/notifications/contract";

/** The event types by what they are about, as the form lists them. */
const eventGroups = [
  { key: "alerts", types: alertEventTypes },
  { key: "business", types: businessEventTypes },
] as const;

/** Adds an endpoint and shows its signing secret once. */
export function EndpointDialog({ trigger }: { trigger: React.ReactNode }) {
  const org = useOrg();
  const t = useTranslations("webhooks.dialog");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  // The list refreshes when the dialog closes: the first endpoint replaces the empty state (and this
  // dialog's trigger) with the list, which would unmount the dialog with the secret still unread.
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const errors = { ...fieldErrorsOf(create.error), ...localErrors };
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next && create.data) void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
    create.reset();
    setLocalErrors({});
    if (next) {
      setUrl("");
      setDescription("");
      setTypes([]);
    }
  };
  return (
    <Modal open={open} onOpenChange={onOpenChange} trigger={trigger} title={create.data ? t("added") : t("add")} keepOpenOnOutsideClick={Boolean(create.data)}>
      {create.data ? (
        <SecretOnce
          note={t("secretNote")}
          label={t("secretLabel")}
          value={create.data.secret}
          onDone={() => onOpenChange(false)}
        />
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            // The server's own rules, checked before asking it.
            const parsed = endpointInput.safeParse({ url: url.trim(), description, eventTypes: types });
            setLocalErrors(parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as FieldErrors));
            if (parsed.success) create.mutate({ orgId: org.id, ...parsed.data });
          }}
        >
          <TextField
            label={t("url")}
            type="url"
            required
            placeholder={t("urlPlaceholder")}
            value={url}
            errors={errors.url}
            onChange={(e) => {
              setUrl(e.target.value);
              setLocalErrors({});
            }}
          />
          <TextField
            label={t("description")}
            optional
            value={description}
            errors={errors.description}
            onChange={(e) => {
              setDescription(e.target.value);
              setLocalErrors({});
            }}
          />
          <fieldset>
            <legend className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("events")}</legend>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("eventsHint")}</p>
            {eventGroups.map((group) => (
              <div key={group.key} className="mt-3">
                <p className="text-xs font-medium text-zinc-600 dark:text-zinc-300">{t(`groups.${group.key}`)}</p>
                <div className="mt-1.5 grid grid-cols-2 gap-2">
                  {group.types.map((type) => (
                    <label key={type} className="flex items-center gap-2 text-[13px]">
                      <input type="checkbox" checked={types.includes(type)} onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((x) => x !== type))} />
                      <span className="font-mono text-xs">{type}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </fieldset>
          <FormAlert message={Object.keys(errors).length ? null : errorMessageOf(create.error)} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => onOpenChange(false)}>{t("cancel")}</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              {t("add")}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
