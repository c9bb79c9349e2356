"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { CreditCard } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useOrg } from "~/app/_components/org/org-context";
import { Button } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import { type CardFeeRow, MAX_FEE_PERCENT_BP } from "~/server/profit/contract";
import { paymentMethods, type PaymentMethod } from "~/server/sales/contract";

/** "2.9" or "2,9" -> 290 basis points; null when empty, NaN when not a percentage with at most two decimals. */
function parsePercent(text: string): number | null {
  const value = text.trim().replace(/\s*%$/, "");
  if (value === "") return null;
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(value);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

const percentText = (bp: number) => (bp / 100).toFixed(2).replace(/\.?0+$/, "");

/** A fee in words: "1.5 % + €0.10 per payment". */
function useFeeText(): (row: Pick<CardFeeRow, "percentBp" | "fixedMinor">, currency: string) => string {
  const t = useTranslations("settings.cardFees");
  const f = useFormat();
  return (row, currency) => {
    if (row.percentBp === null || row.fixedMinor === null) return t("noFee");
    return t("fee", { percent: percentText(row.percentBp), amount: f.money(row.fixedMinor, currency) });
  };
}

function FeeForm({ row, currency, onDone }: { row: Pick<CardFeeRow, "paymentMethod" | "percentBp" | "fixedMinor">; currency: string; onDone?: () => void }) {
  const t = useTranslations("settings.cardFees");
  const locale = useLocale();
  const paymentMethodLabel = usePaymentMethodLabel();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [percent, setPercent] = useState(row.percentBp === null ? "" : percentText(row.percentBp));
  const [fixed, setFixed] = useState(row.fixedMinor === null ? "" : toMajorText(row.fixedMinor, currency));
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.profit.cardFees.queryKey() });
  const save = useMutation(trpc.profit.setCardFee.mutationOptions({
      onSuccess: () => {
        void refresh();
        onDone?.();
      },
    }));
  const remove = useMutation(trpc.profit.removeCardFee.mutationOptions({ onSuccess: refresh }));
  const server = fieldErrorsOf(save.error);
  const label = paymentMethodLabel(row.paymentMethod);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const percentBp = parsePercent(percent) ?? 0;
    const fixedMinor = parseMajor(fixed, currency) ?? 0;
    const errors: Record<string, string[]> = {};
    if (Number.isNaN(percentBp)) errors.percentBp = [t("percentFormat")];
    else if (percentBp > MAX_FEE_PERCENT_BP) errors.percentBp = [t("percentMax", { max: MAX_FEE_PERCENT_BP / 100 })];
    if (Number.isNaN(fixedMinor)) errors.fixedMinor = [amountHint(currency, locale)];
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate({ orgId: org.id, paymentMethod: row.paymentMethod, percentBp, fixedMinor });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("formLabel", { method: label })} className="flex flex-wrap items-start gap-3">
      <TextField
        label={t("share")}
        inputMode="decimal"
        placeholder="0"
        value={percent}
        onChange={(e) => setPercent(e.target.value)}
        errors={local.percentBp ?? server.percentBp}
        fieldClassName="w-44"
      />
      <TextField
        label={t("fixed", { currency })}
        inputMode="decimal"
        placeholder={toMajorText(0, currency)}
        value={fixed}
        onChange={(e) => setFixed(e.target.value)}
        errors={local.fixedMinor ?? server.fixedMinor}
        fieldClassName="w-44"
      />
      <div className="flex gap-2 pt-6">
        <Button type="submit" variant="primary" size="md" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </Button>
        {row.percentBp !== null && (
          <Button type="button" variant="ghost" disabled={remove.isPending} onClick={() => remove.mutate({ orgId: org.id, paymentMethod: row.paymentMethod })}>
            {t("remove")}
          </Button>
        )}
      </div>
      <FormAlert message={save.error && !server.percentBp && !server.fixedMinor ? errorMessageOf(save.error) : remove.error ? errorMessageOf(remove.error) : null} className="basis-full" />
    </form>
  );
}

/** The payment methods the org takes, each with its fee, and a way to set one for another method. */
export function CardFeesView({ canEdit }: { canEdit: boolean }) {
  const t = useTranslations("settings.cardFees");
  const f = useFormat();
  const feeText = useFeeText();
  const paymentMethodLabel = usePaymentMethodLabel();
  const org = useOrg();
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.profit.cardFees.queryOptions({ orgId: org.id }));
  const [adding, setAdding] = useState<PaymentMethod | "">("");
  const listed = new Set(data.methods.map((m) => m.paymentMethod));
  const others = paymentMethods.filter((m) => !listed.has(m));

  const add = canEdit && others.length > 0 && (
    <div className="space-y-3">
      <label className="flex flex-wrap items-center gap-2 text-[13px] text-zinc-600 dark:text-zinc-400">
        {t("another")}
        <NativeSelect size="sm" value={adding} onChange={(e) => setAdding(e.target.value as PaymentMethod | "")}>
          <option value="">{t("choose")}</option>
          {others.map((m) => (
            <option key={m} value={m}>
              {paymentMethodLabel(m)}
            </option>
          ))}
        </NativeSelect>
      </label>
      {adding && <FeeForm key={adding} row={{ paymentMethod: adding, percentBp: null, fixedMinor: null }} currency={data.currency} onDone={() => setAdding("")} />}
    </div>
  );

  if (data.methods.length === 0) {
    return (
      <div className="space-y-6">
        <EmptyState icon={<CreditCard />} title={t("empty")}>
          {t("emptyBody")} {canEdit ? t("emptyCanEdit") : ""}
        </EmptyState>
        {add}
      </div>
    );
  }

  return (
    <div className="max-w-4xl space-y-6">
      <ul aria-label={t("methods")} className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
        {data.methods.map((m) => (
          <li key={m.paymentMethod} className="space-y-3 px-4 py-4 text-[13px]">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <h2 className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{paymentMethodLabel(m.paymentMethod)}</h2>
              <span className="text-zinc-500 dark:text-zinc-400">
                {m.used ? t("payments", { count: f.count(m.payments) }) : t("noPayments")}
              </span>
              <span className="ml-auto font-medium tabular-nums text-zinc-700 dark:text-zinc-300">{feeText(m, data.currency)}</span>
            </div>
            {canEdit && <FeeForm row={m} currency={data.currency} />}
          </li>
        ))}
      </ul>
      {add}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {t("note")}
        {canEdit ? "" : ` ${t("noteReadOnly")}`}
      </p>
    </div>
  );
}
