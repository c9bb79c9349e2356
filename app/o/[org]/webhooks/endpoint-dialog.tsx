"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/app/_components/button";
import { CopyField } from "~/app/_components/copy-field";
import { TextField } from "~/app/_components/field";
import { FormAlert } from "~/app/_components/form-alert";
import { Modal } from "~/app/_components/modal";
import { useOrg } from "~/app/_components/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { webhookEventTypes } from "~/server/alerts";

type EventType = (typeof webhookEventTypes)[number];

/** Adds an endpoint and shows its signing secret once. */
export function EndpointDialog({ trigger }: { trigger: React.ReactNode }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<EventType[]>([]);
  const create = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }) }));
  const errors = fieldErrorsOf(create.error);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    create.reset();
    if (next) {
      setUrl("");
      setDescription("");
      setTypes([]);
    }
  };
  return (
    <Modal open={open} onOpenChange={onOpenChange} trigger={trigger} title={create.data ? "Endpoint added" : "Add endpoint"} keepOpenOnOutsideClick={Boolean(create.data)}>
      {create.data ? (
        <div className="space-y-4">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Verify each request with this secret and any Standard Webhooks library. It is shown this once; rotate it if it is lost.</p>
          <CopyField label="Signing secret" value={create.data.secret} />
          <div className="flex justify-end">
            <Button variant="primary" onClick={() => onOpenChange(false)}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ orgId: org.id, url: url.trim(), description, eventTypes: types });
          }}
        >
          <TextField label="URL" type="url" required placeholder="https://ops.example.com/hooks/vendops" value={url} errors={errors.url} onChange={(e) => setUrl(e.target.value)} />
          <TextField label="Description" optional value={description} errors={errors.description} onChange={(e) => setDescription(e.target.value)} />
          <fieldset>
            <legend className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">Events</legend>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">None ticked: every event.</p>
            <div className="mt-2 grid grid-cols-2 gap-2">
              {webhookEventTypes.map((type) => (
                <label key={type} className="flex items-center gap-2 text-[13px]">
                  <input type="checkbox" checked={types.includes(type)} onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((t) => t !== type))} />
                  <span className="font-mono text-xs">{type}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <FormAlert message={Object.keys(errors).length ? null : errorMessageOf(create.error)} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Add endpoint
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
