"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { Field, TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { alertSettingsInput } from "~/server/alerts/contract";
import type { FieldErrors } from "~/server/errors";
import { parseMajor, toMajorText } from "~/server/money";
import { hasRole } from "~/server/tenancy/contract";

const numberOrNull = (v: string) => (v.trim() === "" ? null : Number(v));

/** The organization's thresholds. */
export function AlertSettingsForm() {
  const t = useTranslations("alerts.settings");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.alerts.settings.queryOptions({ orgId: org.id }));
  const [v, setV] = useState({
    offlineMinutes: String(data.offlineMinutes),
    lowStockPercent: String(Math.round(data.lowStockShare * 100)),
    noSalesSensitivity: data.noSalesSensitivity,
    doorOpenMinutes: String(data.doorOpenMinutes),
    vendFailureCount: String(data.vendFailureCount),
    vendFailureWindowMinutes: String(data.vendFailureWindowMinutes),
    temperatureMinC: data.temperatureMinC === null ? "" : String(data.temperatureMinC),
    temperatureMaxC: data.temperatureMaxC === null ? "" : String(data.temperatureMaxC),
    auditMissedVends: String(data.auditMissedVends),
    cashVariancePercent: String(data.cashVariancePercent),
    cashVarianceMin: toMajorText(data.cashVarianceMinMinor, org.currency),
  });
  const save = useMutation(trpc.alerts.updateSettings.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.settings.queryKey() }) }));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsOf(save.error), ...localErrors };
  const admin = hasRole(org.role, "admin");
  const set = (change: Partial<typeof v>) => {
    setV({ ...v, ...change });
    setLocalErrors({});
    if (save.error) save.reset();
  };
  const num = (key: keyof typeof v, label: string, hint: string, field: string = key, unit = "") => (
    <TextField
      label={label}
      hint={hint}
      errors={errors[field]}
      type="number"
      inputMode="decimal"
      step="any"
      value={v[key]}
      disabled={!admin}
      onChange={(e) => set({ [key]: e.target.value })}
      aria-label={unit ? `${label} (${unit})` : undefined}
    />
  );
  return (
    <Card title={t("organization")} description={admin ? undefined : t("adminsOnly")}>
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const input = {
            offlineMinutes: Number(v.offlineMinutes),
            lowStockShare: Number(v.lowStockPercent) / 100,
            noSalesSensitivity: v.noSalesSensitivity,
            doorOpenMinutes: Number(v.doorOpenMinutes),
            vendFailureCount: Number(v.vendFailureCount),
            vendFailureWindowMinutes: Number(v.vendFailureWindowMinutes),
            temperatureMinC: numberOrNull(v.temperatureMinC),
            temperatureMaxC: numberOrNull(v.temperatureMaxC),
            auditMissedVends: Number(v.auditMissedVends),
            cashVariancePercent: Number(v.cashVariancePercent),
            cashVarianceMinMinor: parseMajor(v.cashVarianceMin, org.currency) ?? Number.NaN,
          };
          // The server's own rules, checked before asking it.
          const parsed = alertSettingsInput.safeParse(input);
          setLocalErrors(parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as FieldErrors));
          if (parsed.success) save.mutate({ orgId: org.id, ...input });
        }}
      >
        {num("offlineMinutes", t("offlineMinutes"), t("offlineMinutesHint"))}
        {num("lowStockPercent", t("lowStock"), t("lowStockHint"), "lowStockShare")}
        <Field label={t("noSales")} hint={t("noSalesHint")}>
          {(control) => (
            <NativeSelect {...control} disabled={!admin} value={v.noSalesSensitivity} onChange={(e) => set({ noSalesSensitivity: e.target.value as typeof v.noSalesSensitivity })}>
              <option value="off">{t("noSalesOff")}</option>
              <option value="low">{t("noSalesLow")}</option>
              <option value="normal">{t("noSalesNormal")}</option>
              <option value="high">{t("noSalesHigh")}</option>
            </NativeSelect>
          )}
        </Field>
        {num("doorOpenMinutes", t("doorOpen"), t("doorOpenHint"))}
        {num("vendFailureCount", t("vendFailureCount"), t("vendFailureCountHint"))}
        {num("vendFailureWindowMinutes", t("vendFailureWindow"), t("vendFailureWindowHint"))}
        {num("temperatureMinC", t("temperatureMin"), t("temperatureHint"))}
        {num("temperatureMaxC", t("temperatureMax"), t("temperatureHint"))}
        {num("auditMissedVends", t("auditMissedVends"), t("auditMissedVendsHint"))}
        {num("cashVariancePercent", t("cashVariancePercent"), t("cashVariancePercentHint"))}
        {num("cashVarianceMin", t("cashVarianceMin", { currency: org.currency }), t("cashVarianceMinHint"), "cashVarianceMinMinor")}
        <div className="flex items-center gap-3 sm:col-span-2">
          {admin && (
            <Button type="submit" variant="primary" disabled={save.isPending}>
              {t("save")}
            </Button>
          )}
          {save.isSuccess && !save.isPending && <span role="status" className="text-[13px] text-emerald-700 dark:text-emerald-400">{t("saved")}</span>}
          <FormAlert message={Object.keys(errors).length ? null : errorMessageOf(save.error)} />
        </div>
      </form>
    </Card>
  );
}
