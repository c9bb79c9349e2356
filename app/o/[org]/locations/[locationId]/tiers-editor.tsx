"use client";

import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { controlClasses } from "~/app/_components/ui/field";
import { MAX_TIERS } from "~/server/hosts/contract";

type Tier = { from: string; percent: string };

/**
 * The brackets of a tiered commission: each rate applies to the part of the month's sales inside
 * its bracket. The first bracket starts at 0.
 */
export function TiersEditor({ tiers, currency, onChange, errors }: { tiers: Tier[]; currency: string; onChange: (tiers: Tier[]) => void; errors?: string[] }) {
  const t = useTranslations("locations.contractForm");
  const update = (i: number, change: Partial<Tier>) => onChange(tiers.map((t, j) => (j === i ? { ...t, ...change } : t)));
  const invalid = errors && errors.length > 0 ? true : undefined;
  return (
    <fieldset aria-describedby="tiers-help tiers-errors" className="space-y-2">
      <legend className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("tiers")}</legend>
      <p id="tiers-help" className="text-xs text-zinc-500 dark:text-zinc-400">
        {t("tiersHelp")}
      </p>
      <ol className="space-y-2">
        {tiers.map((tier, i) => (
          <li key={i} className="flex flex-wrap items-end gap-2">
            <label className="text-[13px] text-zinc-700 dark:text-zinc-300">
              <span className="mb-1 block">{t("tierFrom", { n: i + 1, currency })}</span>
              <input
                inputMode="decimal"
                autoComplete="off"
                value={i === 0 ? "0" : tier.from}
                readOnly={i === 0}
                aria-invalid={invalid}
                onChange={(e) => update(i, { from: e.target.value })}
                className={`${controlClasses} w-36`}
              />
            </label>
            <label className="text-[13px] text-zinc-700 dark:text-zinc-300">
              <span className="mb-1 block">{t("tierRate", { n: i + 1 })}</span>
              <input inputMode="decimal" autoComplete="off" value={tier.percent} aria-invalid={invalid} onChange={(e) => update(i, { percent: e.target.value })} className={`${controlClasses} w-28`} />
            </label>
            {i > 0 && (
              <Button variant="ghost" size="sm" className="mb-0.5" aria-label={t("removeTier", { n: i + 1 })} onClick={() => onChange(tiers.filter((_, j) => j !== i))}>
                <X aria-hidden />
              </Button>
            )}
          </li>
        ))}
      </ol>
      <Button size="sm" onClick={() => onChange([...tiers, { from: "", percent: "" }])} disabled={tiers.length >= MAX_TIERS}>
        <Plus aria-hidden />
        {t("addTier")}
      </Button>
      <div id="tiers-errors" aria-live="polite">
        {errors?.map((message) => (
          <p key={message} className="text-[13px] text-red-600 dark:text-red-400">
            {message}
          </p>
        ))}
      </div>
    </fieldset>
  );
}
