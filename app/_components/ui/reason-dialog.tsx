"use client";

import { useTranslations } from "next-intl";
import { DialogActions } from "./dialog-actions";
import { Field, controlClasses } from "./field";
import { FormAlert } from "./form-alert";
import { Modal } from "./modal";
import { useDialogForm } from "../forms/use-dialog-form";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";

interface ReasonMutation {
  error: unknown;
  isPending: boolean;
  reset: () => void;
}

/**
 * A decision that needs a few words of why (refund a sale, reject a request): a dialog with one
 * text box. `minLength` is checked before asking the server; the server's field errors for
 * `reason` and its message show in place. `onSubmit` runs the mutation and resolves when done.
 */
export function ReasonDialog({
  trigger,
  title,
  description,
  label,
  hint,
  placeholder,
  minLength = 0,
  confirmLabel,
  tone = "primary",
  mutation,
  onSubmit,
}: {
  trigger: React.ReactNode;
  title: string;
  description?: React.ReactNode;
  label: string;
  hint?: string;
  placeholder?: string;
  /** 0: the reason is optional. */
  minLength?: number;
  confirmLabel: string;
  tone?: "primary" | "danger";
  mutation: ReasonMutation;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const t = useTranslations("common.ui.reason");
  const { open, setOpen, values, localErrors, setLocalErrors, controls } = useDialogForm({ reason: "" });
  const { openChange, set } = controls([mutation]);
  const server = fieldErrorsOf(mutation.error);
  const errors = localErrors.reason ?? server.reason;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const reason = values.reason.trim();
    if (reason.length < minLength) {
      setLocalErrors({ reason: [reason.length === 0 ? t("required") : t("tooShort", { min: minLength })] });
      return;
    }
    try {
      await onSubmit(reason);
      setOpen(false);
    } catch {
      // The mutation holds the error; it shows below.
    }
  }

  return (
    <Modal open={open} onOpenChange={(next) => !mutation.isPending && openChange(next)} trigger={trigger} title={title} description={description}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={mutation.error && !server.reason ? errorMessageOf(mutation.error) : null} />
        <Field label={label} hint={hint} errors={errors} optional={minLength === 0}>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={3}
              maxLength={500}
              required={minLength > 0}
              placeholder={placeholder}
              value={values.reason}
              onChange={(e) => set({ reason: e.target.value })}
              className={`${controlClasses} h-auto resize-y py-2`}
            />
          )}
        </Field>
        <DialogActions pending={mutation.isPending} onCancel={() => openChange(false)} submitLabel={confirmLabel} tone={tone} />
      </form>
    </Modal>
  );
}
