import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { LevelBar, stockTone } from "~/app/_components/ui/level-bar";
import type { PlanogramSlot } from "./use-machine";

const toneText = {
  empty: "text-red-600 dark:text-red-400",
  low: "text-amber-700 dark:text-amber-400",
  ok: "text-zinc-700 dark:text-zinc-300",
  none: "text-zinc-500",
} as const;

/** One slot of the planogram: code, product, price, and its stock against capacity and par. */
export function SlotCard({ slot, currency }: { slot: PlanogramSlot; currency: string }) {
  const t = useTranslations("machines.planogram");
  const f = useFormat();
  const tone = stockTone(slot.stock, slot.parLevel);
  return (
    <li
      aria-label={t("slot", { code: slot.code })}
      className={clsx(
        "flex min-w-0 flex-col rounded-md border p-2.5 text-[13px]",
        slot.productId
          ? "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          : "border-dashed border-zinc-300 bg-zinc-50/60 dark:border-zinc-700 dark:bg-zinc-900/40",
        tone === "empty" && slot.productId && "border-red-300 dark:border-red-800/70",
      )}
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="font-mono text-xs font-semibold text-zinc-900 dark:text-zinc-100">{slot.code}</span>
        {slot.priceMinor !== null && (
          <span className="tabular text-xs text-zinc-600 dark:text-zinc-400">
            {f.money(slot.priceMinor, currency)}
            {slot.priceOverrideMinor !== null && <span title={t("priceSet")}>*</span>}
          </span>
        )}
      </div>
      <p className="mt-1 line-clamp-2 min-h-[2lh] leading-snug text-zinc-800 dark:text-zinc-200" title={slot.productName ?? undefined}>
        {slot.productName ?? <span className="text-zinc-500 dark:text-zinc-400">{t("noProduct")}</span>}
      </p>
      <LevelBar
        value={slot.stock}
        max={slot.capacity}
        marker={slot.parLevel}
        tone={tone}
        label={t("stockOf", { code: slot.code, stock: slot.stock, capacity: slot.capacity, par: slot.parLevel, state: tone })}
        className="mt-2 w-full"
      />
      <p className="mt-1.5 flex justify-between text-xs">
        <span className={clsx("tabular font-medium", toneText[tone])}>
          {slot.stock}/{slot.capacity}
        </span>
        <span className="tabular text-zinc-500 dark:text-zinc-400">{t("par", { par: slot.parLevel })}</span>
      </p>
    </li>
  );
}
