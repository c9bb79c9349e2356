"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { Field } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { NotificationThreshold as Threshold } from "~/server/notifications/contract";

const thresholds = ["info", "warning", "critical", "off"] as const satisfies readonly Threshold[];

/** The member's least severity per channel. */
export function PreferencesForm() {
  const org = useOrg();
  const t = useTranslations("notifications.preferences");
  const choices = thresholds.map((value) => ({ value, label: t(`choices.${value}`) }));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.notifications.preferences.queryOptions({ orgId: org.id }));
  const [values, setValues] = useState(data);
  const save = useMutation(
    trpc.notifications.updatePreferences.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.queryKey() }) }),
  );
  return (
    <Card className="max-w-xl">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ orgId: org.id, ...values });
        }}
      >
        <Field label={t("inApp")} hint={t("inAppHint")}>
          {(control) => (
            <NativeSelect {...control} value={values.inAppMinSeverity} onChange={(e) => setValues({ ...values, inAppMinSeverity: e.target.value as Threshold })}>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <Field label={t("email")} hint={t("emailHint")}>
          {(control) => (
            <NativeSelect {...control} value={values.emailMinSeverity} onChange={(e) => setValues({ ...values, emailMinSeverity: e.target.value as Threshold })}>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <FormAlert message={errorMessageOf(save.error)} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {t("save")}
          </Button>
          {save.isSuccess && !save.isPending && <span role="status" className="text-[13px] text-emerald-700 dark:text-emerald-400">{t("saved")}</span>}
        </div>
      </form>
    </Card>
  );
}
