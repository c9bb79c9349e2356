"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { Field, TextField, controlClasses } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useDialogForm } from "~/app/_components/forms/use-dialog-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { HostStatementDetail } from "~/server/hosts/contract";
import { amountHint, parseMajor } from "~/server/money";
import { hasRole } from "~/server/tenancy/contract";

/** Corrections to the commission, each with its reason; a draft's can be added to. */
export function StatementAdjustments({ statement: s }: { statement: HostStatementDetail }) {
  const org = useOrg();
  const t = useTranslations("hosts.adjustments");
  const f = useFormat();
  const canAdd = hasRole(org.role, "manager") && s.status === "draft";
  return (
    <Card
      id="adjustments"
      title={t("title")}
      description={s.status === "draft" ? t("draftDescription") : t("fixedDescription")}
      actions={canAdd && <AdjustmentDialog statement={s} />}
      bodyClassName="p-0"
    >
      {s.adjustments.length === 0 ? (
        <p className="px-4 py-4 text-[13px] text-zinc-500 dark:text-zinc-400">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {s.adjustments.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-4 px-4 py-2.5 text-[13px]">
              <div className="min-w-0">
                <p className="text-zinc-900 dark:text-zinc-100">{a.reason}</p>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {a.createdByName ?? t("someone")} · <Timestamp date={a.createdAt} timeZone={org.timeZone} />
                </p>
              </div>
              <span className={clsx("tabular shrink-0 font-medium", a.amountMinor < 0 ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400")}>
                {a.amountMinor > 0 ? "+" : "−"}
                {f.money(Math.abs(a.amountMinor), s.currency)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Adds an amount to the host's total, or takes one off, with a reason. */
function AdjustmentDialog({ statement: s }: { statement: HostStatementDetail }) {
  const org = useOrg();
  const t = useTranslations("hosts.adjustments");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { open, setOpen, values, localErrors, setLocalErrors, controls } = useDialogForm({ direction: "add" as "add" | "deduct", amount: "", reason: "" });
  const add = useMutation(
    trpc.hosts.statements.addAdjustment.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.hosts.statements.pathKey() });
        setOpen(false);
      },
    }),
  );
  const { openChange, set } = controls([add]);
  const server = fieldErrorsOf(add.error);
  const errors = { ...server, ...localErrors };

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const minor = parseMajor(values.amount, s.currency);
    const found: Record<string, string[]> = {};
    if (minor === null || minor === 0) found.amountMinor = [t("amountNonZero")];
    else if (Number.isNaN(minor)) found.amountMinor = [amountHint(s.currency, locale)];
    if (values.reason.trim() === "") found.reason = [t("reasonRequired")];
    setLocalErrors(found);
    if (Object.keys(found).length > 0 || minor === null) return;
    add.mutate({ orgId: org.id, statementId: s.id, amountMinor: values.direction === "add" ? minor : -minor, reason: values.reason.trim() });
  }

  return (
    <Modal
      open={open}
      onOpenChange={(next) => !add.isPending && openChange(next)}
      trigger={
        <Button size="sm">
          <Plus aria-hidden />
          {t("add")}
        </Button>
      }
      title={t("dialogTitle")}
      description={t("dialogDescription")}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={add.error && Object.keys(server).length === 0 ? errorMessageOf(add.error) : null} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("kind")}>
            {(control) => (
              <NativeSelect {...control} name="direction" value={values.direction} onChange={(e) => set({ direction: e.target.value as "add" | "deduct" })} className="w-full">
                <option value="add">{t("addOption")}</option>
                <option value="deduct">{t("deductOption")}</option>
              </NativeSelect>
            )}
          </Field>
          <TextField
            label={t("amount", { currency: s.currency })}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            required
            value={values.amount}
            onChange={(e) => set({ amount: e.target.value })}
            errors={errors.amountMinor}
          />
        </div>
        <Field label={t("reason")} errors={errors.reason}>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={3}
              maxLength={500}
              required
              placeholder={t("reasonPlaceholder")}
              value={values.reason}
              onChange={(e) => set({ reason: e.target.value })}
              className={`${controlClasses} h-auto resize-y py-2`}
            />
          )}
        </Field>
        <DialogActions pending={add.isPending} onCancel={() => openChange(false)} submitLabel={t("add")} />
      </form>
    </Modal>
  );
}
