"use client";

import clsx from "clsx";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { MAX_MINOR, changedPrice, priceChange, type PriceChange } from "~/server/catalog/contract";
import { amountHint, formatMoney, parseMajor, toMajorText } from "~/server/money";
import type { ProductRow as Product } from "./product-dialog";

type Kind = PriceChange["kind"];

const kinds: { value: Kind; label: string }[] = [
  { value: "set", label: "Set a price" },
  { value: "percent", label: "Change by %" },
  { value: "amount", label: "Change by amount" },
];

/** The change the person typed, or the reason it is not one yet. */
function changeOf(kind: Kind, text: string, currency: string): { change: PriceChange } | { error: string | null } {
  const value = text.trim();
  if (value === "") return { error: null };
  const sign = /^-/.test(value) ? -1 : 1;
  const unsigned = value.replace(/^[+-]\s*/, "");
  let candidate: unknown;
  if (kind === "percent") {
    const percent = Number(unsigned.replace(/%$/, "").replace(",", "."));
    if (!/^\d+([.,]\d+)?%?$/.test(unsigned)) return { error: "Enter a percentage such as 5 or -10." };
    candidate = { kind, percent: sign * percent };
  } else {
    const minor = parseMajor(unsigned, currency);
    if (minor === null || Number.isNaN(minor) || (kind === "set" && sign < 0)) return { error: amountHint(currency) };
    candidate = kind === "set" ? { kind, priceMinor: minor } : { kind, amountMinor: sign * minor };
  }
  const checked = priceChange.safeParse(candidate);
  return checked.success ? { change: checked.data } : { error: checked.error.issues[0]?.message ?? null };
}

/** Changes the price of the chosen products at once, showing each old and new price before saving. */
export function BulkPriceDialog({ products, trigger, onDone }: { products: Product[]; trigger: React.ReactNode; onDone: () => void }) {
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
  const parsed = changeOf(kind, text, org.currency);
  const change = "change" in parsed ? parsed.change : null;
  const rows = products.map((p) => {
    const next = change ? changedPrice(p.priceMinor, change) : null;
    return { ...p, next, invalid: next !== null && (next < 0 || next > MAX_MINOR) };
  });
  const invalid = rows.some((r) => r.invalid);
  const money = (minor: number) => formatMoney(minor, org.currency);

  function openChange(next: boolean) {
    setOpen(next);
    setText("");
    setShownError(null);
    save.reset();
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!change) {
      setShownError("error" in parsed && parsed.error ? parsed.error : "Enter the change.");
      return;
    }
    if (invalid) return;
    save.mutate({ orgId: org.id, products: products.map((p) => ({ productId: p.id, priceMinor: p.priceMinor })), change });
  }

  const hint =
    kind === "set"
      ? `The new price of each product, in ${org.currency}.`
      : kind === "percent"
        ? `5 raises prices by 5%, -10 lowers them by 10%; rounded to the nearest ${toMajorText(1, org.currency)}.`
        : `Added to each price, in ${org.currency}; -${toMajorText(20, org.currency)} lowers it.`;

  return (
    <Modal
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={`Change ${products.length === 1 ? "1 price" : `${products.length} prices`}`}
      description="Each change is saved to the audit log like a single edit."
      wide
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={errorMessageOf(save.error)} />
        <fieldset>
          <legend className="sr-only">How to change the prices</legend>
          <div className="inline-flex flex-wrap gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-800">
            {kinds.map((k) => (
              <label
                key={k.value}
                className={clsx(
                  "cursor-pointer rounded-md px-2.5 py-1 text-[13px] font-medium has-focus-visible:ring-2 has-focus-visible:ring-brand-500",
                  kind === k.value ? "bg-white text-zinc-900 shadow-xs dark:bg-zinc-950 dark:text-zinc-100" : "text-zinc-600 dark:text-zinc-400",
                )}
              >
                <input
                  type="radio"
                  name="price-change-kind"
                  value={k.value}
                  checked={kind === k.value}
                  onChange={() => {
                    setKind(k.value);
                    setShownError(null);
                  }}
                  className="sr-only"
                />
                {k.label}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField
          label={kind === "set" ? `New price (${org.currency})` : kind === "percent" ? "Change (%)" : `Change (${org.currency})`}
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
        <ul aria-label="New prices" className="max-h-[40dvh] divide-y divide-zinc-100 overflow-y-auto rounded-lg border border-zinc-200 text-[13px] dark:divide-zinc-800 dark:border-zinc-800">
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
        {invalid && <p className="text-[13px] text-red-600 dark:text-red-400">A price cannot go below zero; choose a smaller change or fewer products.</p>}
        <DialogActions pending={save.isPending} onCancel={() => openChange(false)} submitLabel={products.length === 1 ? "Save price" : `Save ${products.length} prices`} />
      </form>
    </Modal>
  );
}
