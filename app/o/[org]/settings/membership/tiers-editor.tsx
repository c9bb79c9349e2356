"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { controlClasses } from "~/app/_components/ui/field";
import type { FieldErrors } from "~/server/errors";
import { newTierKey, type TierDraft } from "./program-values";

const MAX_TIERS = 10;

/**
 * Tier rows (name, from how many points), kept sorted by threshold when a threshold is left;
 * rows are added and removed in place. Errors per row come as `tier.<key>.<field>`.
 */
export function TiersEditor({
  tiers,
  onChange,
  errors,
  listErrors,
}: {
  tiers: TierDraft[];
  onChange: (tiers: TierDraft[]) => void;
  errors: FieldErrors;
  listErrors?: string[];
}) {
  const t = useTranslations("settings.membership");
  const update = (key: string, change: Partial<TierDraft>) => onChange(tiers.map((x) => (x.key === key ? { ...x, ...change } : x)));
  const sorted = () => {
    const points = (x: TierDraft) => (/^\d+$/.test(x.minPoints.trim()) ? Number(x.minPoints) : Number.POSITIVE_INFINITY);
    const next = [...tiers].sort((a, b) => points(a) - points(b));
    if (next.some((t, i) => t !== tiers[i])) onChange(next);
  };
  const add = () => {
    const top = Math.max(-1, ...tiers.map((x) => Number(x.minPoints) || 0));
    onChange([...tiers, { key: newTierKey(), name: "", minPoints: String(tiers.length === 0 ? 0 : top + 100) }]);
  };

  return (
    <fieldset className="space-y-2" aria-describedby="tiers-hint">
      <legend className="text-[13px] font-medium text-zinc-800 dark:text-zinc-200">{t("tiers")}</legend>
      <p id="tiers-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
        {t("tiersHint")}
      </p>
      {tiers.length > 0 && (
        <div aria-hidden className="grid grid-cols-[minmax(0,1fr)_8rem_2.25rem] gap-2 pt-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
          <span>{t("tierName")}</span>
          <span className="text-right">{t("tierFromHeader")}</span>
        </div>
      )}
      {tiers.length > 0 && (
        <ol className="space-y-2">
          {tiers.map((tier, i) => {
            const nameErrors = errors[`tier.${tier.key}.name`];
            const pointErrors = errors[`tier.${tier.key}.minPoints`];
            return (
              <li key={tier.key} className="grid grid-cols-[minmax(0,1fr)_8rem_auto] items-start gap-2">
                <div>
                  <label htmlFor={`${tier.key}-name`} className="sr-only">
                    {t("tierNameLabel", { n: i + 1 })}
                  </label>
                  <input
                    id={`${tier.key}-name`}
                    value={tier.name}
                    maxLength={40}
                    placeholder={t("tierNamePlaceholder")}
                    autoComplete="off"
                    aria-invalid={nameErrors ? true : undefined}
                    aria-describedby={nameErrors ? `${tier.key}-name-error` : undefined}
                    onChange={(e) => update(tier.key, { name: e.target.value })}
                    className={controlClasses}
                  />
                  {nameErrors && (
                    <p id={`${tier.key}-name-error`} className="mt-1 text-[13px] text-red-600 dark:text-red-400">
                      {nameErrors[0]}
                    </p>
                  )}
                </div>
                <div>
                  <label htmlFor={`${tier.key}-points`} className="sr-only">
                    {t("tierPointsLabel", { n: i + 1 })}
                  </label>
                  <div className="relative">
                    <input
                      id={`${tier.key}-points`}
                      value={tier.minPoints}
                      inputMode="numeric"
                      aria-invalid={pointErrors ? true : undefined}
                      aria-describedby={pointErrors ? `${tier.key}-points-error` : undefined}
                      onChange={(e) => update(tier.key, { minPoints: e.target.value })}
                      onBlur={sorted}
                      className={`${controlClasses} tabular pr-9 text-right`}
                    />
                    <span aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-xs text-zinc-500">
                      {t("pts")}
                    </span>
                  </div>
                  {pointErrors && (
                    <p id={`${tier.key}-points-error`} className="mt-1 text-[13px] text-red-600 dark:text-red-400">
                      {pointErrors[0]}
                    </p>
                  )}
                </div>
                <Button
                  variant="ghost"
                  className="px-2.5"
                  aria-label={t("removeTier", { name: tier.name.trim() || i + 1 })}
                  onClick={() => onChange(tiers.filter((x) => x.key !== tier.key))}
                >
                  <Trash2 aria-hidden />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <div aria-live="polite">
        {listErrors?.map((m) => (
          <p key={m} className="text-[13px] text-red-600 dark:text-red-400">
            {m}
          </p>
        ))}
      </div>
      <Button size="sm" onClick={add} disabled={tiers.length >= MAX_TIERS}>
        <Plus aria-hidden />
        {t("addTier")}
      </Button>
    </fieldset>
  );
}
