"use client";

import clsx from "clsx";
import { Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { controlClasses } from "~/app/_components/ui/field";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { cellClasses } from "~/app/_components/ui/table-styles";
import type { SlotDraft, SlotField, SlotProblems } from "./slot-drafts";

export interface ProductChoice {
  id: string;
  label: string;
  /** The product's price, shown as the placeholder of the price override. */
  price: string;
}

/** One slot in the planogram editor: code, product, capacity, par level, price override, remove. */
export function PlanogramEditorRow({
  draft,
  index,
  problems,
  products,
  productsLoading,
  onChange,
  onRemove,
}: {
  draft: SlotDraft;
  index: number;
  problems: SlotProblems | undefined;
  products: ProductChoice[];
  productsLoading: boolean;
  onChange: (change: Partial<SlotDraft>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("machines.editor");
  const n = index + 1;
  const idOf = (field: SlotField) => `${draft.key}-${field}-error`;
  const labels = { code: "slotCode", productId: "slotProduct", capacity: "slotCapacity", parLevel: "slotParLevel", price: "slotPrice" } as const satisfies Record<SlotField, string>;
  const control = (field: SlotField) => ({
    "aria-label": t(labels[field], { n }),
    "aria-invalid": problems?.[field] ? (true as const) : undefined,
    "aria-describedby": problems?.[field] ? idOf(field) : undefined,
  });
  const fields = (Object.keys(problems ?? {}) as SlotField[]).filter((f) => problems?.[f]);
  const price = products.find((p) => p.id === draft.productId)?.price;
  const rowClass = "border-zinc-100 dark:border-zinc-800/70";
  return (
    <>
      <tr className={clsx(rowClass, fields.length === 0 && "border-b")}>
        <td className={cellClasses}>
          <input
            {...control("code")}
            value={draft.code}
            onChange={(e) => onChange({ code: e.target.value.toUpperCase() })}
            autoComplete="off"
            spellCheck={false}
            maxLength={12}
            className={clsx(controlClasses, "h-8! w-16! px-2! font-mono text-[13px] uppercase")}
          />
        </td>
        <td className={cellClasses}>
          <NativeSelect
            {...control("productId")}
            size="sm"
            value={draft.productId}
            disabled={productsLoading}
            onChange={(e) => onChange({ productId: e.target.value })}
            className="w-72"
          >
            <option value="">{productsLoading ? t("loadingProducts") : t("emptySlot")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
        </td>
        <td className={cellClasses}>
          <input
            {...control("capacity")}
            inputMode="numeric"
            value={draft.capacity}
            onChange={(e) => onChange({ capacity: e.target.value })}
            className={clsx(controlClasses, "tabular h-8! w-16! px-2! text-right text-[13px]")}
          />
        </td>
        <td className={cellClasses}>
          <input
            {...control("parLevel")}
            inputMode="numeric"
            value={draft.parLevel}
            onChange={(e) => onChange({ parLevel: e.target.value })}
            className={clsx(controlClasses, "tabular h-8! w-16! px-2! text-right text-[13px]")}
          />
        </td>
        <td className={cellClasses}>
          <input
            {...control("price")}
            inputMode="decimal"
            value={draft.price}
            placeholder={price ?? "—"}
            onChange={(e) => onChange({ price: e.target.value })}
            className={clsx(controlClasses, "tabular h-8! w-20! px-2! text-right text-[13px]")}
          />
        </td>
        <td className={clsx(cellClasses, "text-right")}>
          <button
            type="button"
            onClick={onRemove}
            aria-label={t("removeSlot", { slot: draft.code || n })}
            className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-red-50 hover:text-red-600 dark:hover:bg-red-500/10 dark:hover:text-red-400"
          >
            <Trash2 aria-hidden className="size-4" />
          </button>
        </td>
      </tr>
      {fields.length > 0 && (
        <tr className={clsx(rowClass, "border-b")}>
          <td colSpan={6} className="px-3 pt-0 pb-2.5">
            <ul className="space-y-0.5 text-xs text-red-600 dark:text-red-400">
              {fields.map((field) => (
                <li key={field} id={idOf(field)}>
                  {problems![field]}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}
