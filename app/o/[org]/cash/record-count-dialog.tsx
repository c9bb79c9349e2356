"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Coins } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { Field, TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { amountHint, parseMajor } from "~/server/money";

const empty = { machineId: "", counted: "", technicianId: "", note: "" };

/**
 * Records a count by hand from the desk (managers): the cash a technician brought back from a
 * machine. The key is made when the dialog opens, so a double click records one count.
 */
export function RecordCountDialog() {
  const t = useTranslations("cash.record");
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const { data: technicians } = useSuspenseQuery(trpc.routes.technicians.queryOptions({ orgId: org.id }));
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(empty);
  const [key, setKey] = useState("");
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const record = useMutation(
    trpc.cash.recordCount.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.cash.pathKey() });
        setOpen(false);
      },
    }),
  );
  const errors = { ...fieldErrorsOf(record.error), ...localErrors };
  const set = (change: Partial<typeof values>) => {
    setLocalErrors({});
    setValues((v) => ({ ...v, ...change }));
  };

  function openChange(next: boolean) {
    setOpen(next);
    record.reset();
    setLocalErrors({});
    if (next) {
      setValues({ ...empty, technicianId: org.userId });
      setKey(`desk-${crypto.randomUUID()}`);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const countedMinor = parseMajor(values.counted, org.currency);
    const found: FieldErrors = {};
    if (!values.machineId) found.machineId = [t("chooseMachineError")];
    if (countedMinor === null || Number.isNaN(countedMinor)) found.countedMinor = [amountHint(org.currency, locale)];
    setLocalErrors(found);
    if (Object.keys(found).length > 0 || countedMinor === null) return;
    record.mutate({
      orgId: org.id,
      machineId: values.machineId,
      countedMinor,
      key,
      technicianId: values.technicianId || null,
      note: values.note.trim() || null,
    });
  }

  return (
    <Modal
      open={open}
      onOpenChange={openChange}
      trigger={
        <Button>
          <Coins aria-hidden />
          {t("button")}
        </Button>
      }
      title={t("title")}
      description={t("description")}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={Object.keys(errors).length > 0 ? t("checkFields") : errorMessageOf(record.error)} />
        <Field label={t("machine")} errors={errors.machineId}>
          {(control) => (
            <NativeSelect {...control} value={values.machineId} onChange={(e) => set({ machineId: e.target.value })}>
              <option value="">{t("chooseMachine")}</option>
              {machines.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <TextField
          label={t("counted", { currency: org.currency })}
          hint={amountHint(org.currency, locale)}
          errors={errors.countedMinor}
          inputMode="decimal"
          autoComplete="off"
          value={values.counted}
          onChange={(e) => set({ counted: e.target.value })}
        />
        <Field label={t("countedBy")} errors={errors.technicianId}>
          {(control) => (
            <NativeSelect {...control} value={values.technicianId} onChange={(e) => set({ technicianId: e.target.value })}>
              {technicians.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <TextField label={t("note")} optional errors={errors.note} maxLength={500} value={values.note} onChange={(e) => set({ note: e.target.value })} placeholder={t("notePlaceholder")} />
        <DialogActions pending={record.isPending} onCancel={() => openChange(false)} submitLabel={t("submit")} />
      </form>
    </Modal>
  );
}
