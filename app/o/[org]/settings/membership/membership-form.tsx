"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { SaveBar } from "~/app/_components/ui/save-bar";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { FieldErrors } from "~/server/errors";
import { useFormat } from "~/app/_components/i18n/format";
import { minorPerUnit } from "~/server/money";
import { parseValues, sameValues, valuesOf, type Program, type ProgramValues } from "./program-values";
import { TiersEditor } from "./tiers-editor";

/** Edits the points program (admins and owners): on or off, points per unit spent, tiers. */
export function MembershipForm({ program }: { program: Program }) {
  const t = useTranslations("settings.membership");
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(program));
  const [saved, setSaved] = useState(values);
  const [local, setLocal] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.loyalty.update.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(trpc.loyalty.get.queryKey({ orgId: org.id }), result);
        // The server keeps tiers sorted by threshold; show them as saved.
        const next = valuesOf(result);
        setSaved(next);
        setValues(next);
      },
    }),
  );
  const errors: FieldErrors = { ...fieldErrorsOf(update.error), ...local };
  const hasFieldErrors = Object.keys(errors).length > 0;
  const dirty = !sameValues(values, saved);
  const example = minorPerUnit(org.currency) * 5;
  const rate = /^\d+$/.test(values.pointsPerUnit.trim()) ? Number(values.pointsPerUnit) : null;

  function change(next: Partial<ProgramValues>) {
    update.reset();
    setLocal({});
    setValues((v) => ({ ...v, ...next }));
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = parseValues(org.id, values, { wholePoints: t("wholePoints"), wholeNumber: t("wholeNumber") });
    if ("errors" in parsed) return setLocal(parsed.errors);
    update.mutate(parsed.input);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <FormAlert
        message={
          update.error
            ? hasFieldErrors
              ? t("errorCheckFields", { error: errorMessageOf(update.error) ?? "" })
              : errorMessageOf(update.error)
            : hasFieldErrors
              ? t("checkFields")
              : null
        }
      />
      <label className="flex items-start gap-2.5 text-[13px]">
        <input
          type="checkbox"
          name="enabled"
          checked={values.enabled}
          onChange={(e) => change({ enabled: e.target.checked })}
          className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600"
        />
        <span>
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{t("run")}</span>
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">
            {t("runHint")}
          </span>
        </span>
      </label>
      <TextField
        label={t("perUnit", { currency: org.currency })}
        name="pointsPerUnit"
        inputMode="numeric"
        value={values.pointsPerUnit}
        onChange={(e) => change({ pointsPerUnit: e.target.value })}
        errors={errors.pointsPerUnit}
        hint={
          rate === null ? t("perUnitHint") : t("perUnitExample", { amount: f.money(example, org.currency), points: Math.floor(5 * rate) })
        }
        fieldClassName="max-w-xs"
        className="tabular"
      />
      <TiersEditor tiers={values.tiers} onChange={(tiers) => change({ tiers })} errors={errors} listErrors={errors.tiers} />
      <SaveBar dirty={dirty} pending={update.isPending} savedMessage={update.isSuccess && !dirty ? t("saved") : null} onDiscard={() => change(saved)} />
    </form>
  );
}
