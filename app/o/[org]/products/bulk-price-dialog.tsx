"use client";

import clsx from "clsx";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { MAX_MINOR, changedPrice, priceChange, type PriceChange } from "~/server/catalog/contract";
import { useFormat } from "~/app/_components/i18n/format";
import type { Locale } from "~/server/i18n/locales";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import type { ProductRow as Product } from "./product-dialog";

type Kind = PriceChange["kind"];

const kinds: readonly Kind[] = ["set", "percent", "amount"];

/** The change the person typed, or the reason it is not one yet; `percentError` says how to write a percentage, `locale` the language of the amount hint. */
function changeOf(kind: Kind, text: string, currency: string, percentError: string, locale: Locale): { change: PriceChange } | { error: string | null } {
  const value = text.trim();
  if (value === "") return { error: null };
  const sign = /^-/.test(value) ? -1 : 1;
  const unsigned = value.replace(/^[+-]\s*/, "");
  let candidate: unknown;
  if (kind === "percent") {
    const percent = Number(unsigned.replace(/%$/, "").replace(",", "."));
    if (!/^\d+([.,]\d+)?%?$/.test(unsigned)) return { error: percentError };
    candidate = { kind, percent: sign * percent };
  } else {
    const minor = parseMajor(unsigned, currency);
    if (minor === null || Number.isNaN(minor) || (kind === "set" && sign < 0)) return { error: amountHint(currency, locale) };
    candidate = kind === "set" ? { kind, priceMinor: minor } : { kind, amountMinor: sign * minor };
  }
  const checked = priceChange.safeParse(candidate);
  return checked.success ? { change: checked.data } : { error: checked.error.issues[0]?.message ?? null };
}

/** Changes the price of the chosen products at once, showing each old and new price before saving. */
export function BulkPriceDialog({ products, trigger, onDone }: { products: Product[]; trigger: React.ReactNode; onDone: () => void }) {
  const t = useTranslations("products.bulkPrice");
  const locale = useLocale();
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>("percent");
  const [text, setText] = useState("");
  const [shownError, setShownError] = useState<string | null>(null);
  const save = useMutation(
    trpc.products.changePrices.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.products.list.queryKey({ orgId: org.id }) });
        void queryClient.invalidateQueries({ queryKey: trpc.planogram.pathKey() });
        setOpen(false);
        onDone();
      },
    }),
  );
  const parsed = changeOf(kind, text, org.currency, t("percentInvalid"), locale);
  const change = "change" in parsed ? parsed.change : null;
  const rows = products.map((p) => {
    const next = change ? changedPrice(p.priceMinor, change) : null;
    return { ...p, next, invalid: next !== null && (next < 0 || next > MAX_MINOR) };
  });
  const invalid = rows.some((r) => r.invalid);
  const money = (minor: number) => f.money(minor, org.currency);

  function openChange(next: boolean) {
    setOpen(next);
    setText("");
    setShownError(null);
    save.reset();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!change) {
      setShownError("error" in parsed && parsed.error ? parsed.error : t("enterChange"));
      return;
    }
    if (invalid) return;
    save.mutate({ orgId: org.id, products: products.map((p) => ({ productId: p.id, priceMinor: p.priceMinor })), change });
  }

  const hint =
    kind === "set"
      ? t("hintSet", { currency: org.currency })
      : kind === "percent"
        ? t("hintPercent", { step: toMajorText(1, org.currency) })
        : t("hintAmount", { currency: org.currency, example: toMajorText(20, org.currency) });

  return (
    <Modal
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={t("title", { count: products.length })}
      description={t("description")}
      wide
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={errorMessageOf(save.error)} />
        <fieldset>
          <legend className="sr-only">{t("kindLegend")}</legend>
          <div className="inline-flex flex-wrap gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
            {kinds.map((k) => (
              <label
                key={k}
                className={clsx(
                  "cursor-pointer rounded-md px-2.5 py-1 text-[13px] font-medium has-focus-visible:ring-2 has-focus-visible:ring-brand-500",
                  kind === k ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-950 dark:text-zinc-100" : "text-zinc-600 dark:text-zinc-400",
                )}
              >
                <input
                  type="radio"
                  name="price-change-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setShownError(null);
                  }}
                  className="sr-only"
                />
                {t(`kinds.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label={kind === "set" ? t("newPrice", { currency: org.currency }) : kind === "percent" ? t("changePercent") : t("changeAmount", { currency: org.currency })}
          name="change"
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setShownError(null);
            save.reset();
          }}
          errors={shownError ? [shownError] : undefined}
          hint={hint}
          className="tabular sm:max-w-48"
        />
        <ul aria-label={t("newPrices")} className="max-h-[40dvh] divide-y divide-zinc-100 overflow-y-auto rounded-lg border border-zinc-200 text-[13px] dark:divide-zinc-800 dark:border-zinc-800">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-1.5">
              <span className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{r.name}</span>
              <span className={clsx("tabular whitespace-nowrap", r.invalid ? "text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400")}>
                {money(r.priceMinor)}
                {r.next !== null && (
                  <>
                    {" → "}
                    <span className={clsx("font-medium", !r.invalid && "text-zinc-900 dark:text-zinc-100")}>{money(r.next)}</span>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
        {invalid && <p className="text-[13px] text-red-600 dark:text-red-400">{t("belowZero")}</p>}
        <DialogActions pending={save.isPending} onCancel={() => openChange(false)} submitLabel={t("save", { count: products.length })} />
      </form>
    </Modal>
  );
}
