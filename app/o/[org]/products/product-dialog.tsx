"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { DialogActions } from "~/app/_components/ui/dialog-actions";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { useDialogForm } from "~/app/_components/forms/use-dialog-form";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { productInput } from "~/server/catalog/contract";
import type { FieldErrors } from "~/server/errors";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import { vatBpToPercentText, vatPercentToBp } from "~/server/tenancy/contract";

export type ProductRow = RouterOutputs["products"]["list"][number];

interface Values {
  sku: string;
  name: string;
  category: string;
  price: string;
  cost: string;
  imageUrl: string;
  active: boolean;
  /** In percent; empty for the org's default rate. */
  vatRate: string;
}

/** Adds a product, or edits `product`; prices are typed in major units ("2.50") of the org's currency. */
export function ProductDialog({ trigger, product, categories = [] }: { trigger: React.ReactNode; product?: ProductRow; categories?: string[] }) {
  const t = useTranslations("products.dialog");
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listId = useId();
  const initial: Values = {
    sku: product?.sku ?? "",
    name: product?.name ?? "",
    category: product?.category ?? "",
    price: product ? toMajorText(product.priceMinor, org.currency) : "",
    cost: product ? toMajorText(product.costMinor, org.currency) : "",
    imageUrl: product?.imageUrl ?? "",
    active: product?.active ?? true,
    vatRate: product?.vatRateBp == null ? "" : vatBpToPercentText(product.vatRateBp),
  };
  const { open, setOpen, values, localErrors: local, setLocalErrors: setLocal, controls } = useDialogForm(initial);
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.products.list.queryKey({ orgId: org.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.planogram.pathKey() });
    setOpen(false);
  };
  const create = useMutation(trpc.products.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.products.update.mutationOptions({ onSuccess }));
  const mutation = product ? update : create;
  const { openChange, set } = controls([create, update]);
  const server = fieldErrorsOf(mutation.error);
  // The API names the amounts in minor units; the form has them in major units.
  const errors: Partial<FieldErrors> = { ...server, price: server.priceMinor, cost: server.costMinor, vatRate: server.vatRateBp, ...local };
  const hasErrors = Object.values(errors).some((e) => e?.length);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const priceMinor = parseMajor(values.price, org.currency);
    const costMinor = parseMajor(values.cost, org.currency) ?? 0;
    const input = {
      sku: values.sku,
      name: values.name,
      category: values.category,
      priceMinor: priceMinor ?? undefined,
      costMinor,
      imageUrl: values.imageUrl.trim() || null,
      active: values.active,
      vatRateBp: values.vatRate.trim() === "" ? null : vatPercentToBp(values.vatRate),
    };
    const { priceMinor: priceErrors, costMinor: costErrors, vatRateBp: vatRate, ...found } = formErrors(productInput, input);
    // Amounts are typed in major units: text that is no amount at all gets the format to use.
    const price = Number.isNaN(priceMinor) ? [amountHint(org.currency, locale)] : priceErrors;
    const cost = Number.isNaN(costMinor) ? [amountHint(org.currency, locale)] : costErrors;
    const local: FieldErrors = { ...found, ...(price ? { price } : {}), ...(cost ? { cost } : {}), ...(vatRate ? { vatRate } : {}) };
    setLocal(local);
    if (Object.keys(local).length > 0 || priceMinor === null) return;
    if (product) update.mutate({ orgId: org.id, ...input, priceMinor, productId: product.id });
    else create.mutate({ orgId: org.id, ...input, priceMinor });
  }

  return (
    <Modal
      open={open}
      onOpenChange={openChange}
      trigger={trigger}
      title={product ? t("editTitle", { name: product.name }) : t("addTitle")}
      description={product ? undefined : t("description")}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <FormAlert message={hasErrors ? t("checkFields") : mutation.error ? errorMessageOf(mutation.error) : null} />
        <div className="grid gap-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <TextField
            label={t("sku")}
            name="sku"
            required
            autoComplete="off"
            spellCheck={false}
            value={values.sku}
            onChange={(e) => set({ sku: e.target.value })}
            errors={errors.sku}
            className="font-mono"
          />
          <TextField label={t("name")} name="name" required autoComplete="off" value={values.name} onChange={(e) => set({ name: e.target.value })} errors={errors.name} />
        </div>
        <TextField
          label={t("category")}
          name="category"
          optional
          autoComplete="off"
          list={listId}
          placeholder={t("categoryPlaceholder")}
          value={values.category}
          onChange={(e) => set({ category: e.target.value })}
          errors={errors.category}
        />
        <datalist id={listId}>
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("price", { currency: org.currency })}
            name="price"
            required
            inputMode="decimal"
            placeholder={toMajorText(250, org.currency)}
            value={values.price}
            onChange={(e) => set({ price: e.target.value })}
            errors={errors.price}
            hint={t("priceHint")}
            className="tabular"
          />
          <TextField
            label={t("cost", { currency: org.currency })}
            name="cost"
            optional
            inputMode="decimal"
            placeholder={toMajorText(0, org.currency)}
            value={values.cost}
            onChange={(e) => set({ cost: e.target.value })}
            errors={errors.cost}
            hint={t("costHint")}
            className="tabular"
          />
        </div>
        <TextField
          label={t("vatRate")}
          name="vatRate"
          optional
          inputMode="decimal"
          placeholder={t("vatRatePlaceholder")}
          value={values.vatRate}
          onChange={(e) => set({ vatRate: e.target.value })}
          errors={errors.vatRate}
          hint={t("vatRateHint")}
          className="tabular"
        />
        <TextField
          label={t("imageUrl")}
          name="imageUrl"
          type="url"
          optional
          autoComplete="off"
          placeholder="https://"
          value={values.imageUrl}
          onChange={(e) => set({ imageUrl: e.target.value })}
          errors={errors.imageUrl}
        />
        <label className="flex items-start gap-2.5 text-[13px]">
          <input
            type="checkbox"
            name="active"
            checked={values.active}
            onChange={(e) => set({ active: e.target.checked })}
            className="mt-0.5 size-4 rounded border-zinc-300 accent-brand-600"
          />
          <span>
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{t("active")}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t("activeHint")}</span>
          </span>
        </label>
        <DialogActions pending={mutation.isPending} onCancel={() => openChange(false)} submitLabel={product ? t("save") : t("add")} />
      </form>
    </Modal>
  );
}
