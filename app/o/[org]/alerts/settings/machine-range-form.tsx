"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
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
import { machineTemperatureInput } from "~/server/alerts/contract";
import type { FieldErrors } from "~/server/errors";
import { hasRole } from "~/server/tenancy/contract";

/** A machine's own temperature range (a cooled machine 0–8 °C, an ambient one none). */
export function MachineRangeForm() {
  const t = useTranslations("alerts.settings");
  const org = useOrg();
  const trpc = useTRPC();
  const { data: machines } = useSuspenseQuery(trpc.machines.list.queryOptions({ orgId: org.id }));
  const [machineId, setMachineId] = useState(machines[0]?.id ?? "");
  const range = useQuery({ ...trpc.alerts.machineRange.queryOptions({ orgId: org.id, machineId }), enabled: machineId !== "" });
  if (machines.length === 0) return null;
  return (
    <Card title={t("machineRange")} description={t("machineRangeDescription")}>
      <Field label={t("machine")} className="mb-4">
        {(control) => (
          <NativeSelect {...control} value={machineId} onChange={(e) => setMachineId(e.target.value)}>
            {machines.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
      {range.data ? <RangeFields key={machineId} machineId={machineId} initial={range.data} /> : <p className="text-[13px] text-zinc-500">{t("loading")}</p>}
    </Card>
  );
}

/** One machine's temperature range, for its own page. */
export function MachineTemperatureCard({ machineId }: { machineId: string }) {
  const t = useTranslations("alerts.settings");
  const org = useOrg();
  const trpc = useTRPC();
  const range = useQuery(trpc.alerts.machineRange.queryOptions({ orgId: org.id, machineId }));
  return (
    <Card title={t("temperatureRange")} description={t("temperatureRangeDescription")}>
      {range.data ? <RangeFields machineId={machineId} initial={range.data} /> : <p className="text-[13px] text-zinc-500">{t("loading")}</p>}
    </Card>
  );
}

function RangeFields({ machineId, initial }: { machineId: string; initial: { temperatureMinC: number | null; temperatureMaxC: number | null } }) {
  const t = useTranslations("alerts.settings");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [min, setMin] = useState(initial.temperatureMinC === null ? "" : String(initial.temperatureMinC));
  const [max, setMax] = useState(initial.temperatureMaxC === null ? "" : String(initial.temperatureMaxC));
  const save = useMutation(trpc.alerts.setMachineRange.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.machineRange.queryKey() }) }));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsOf(save.error), ...localErrors };
  const canEdit = hasRole(org.role, "manager");
  return (
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const input = { machineId, temperatureMinC: min.trim() === "" ? null : Number(min), temperatureMaxC: max.trim() === "" ? null : Number(max) };
          // The server's own rules, checked before asking it.
          const parsed = machineTemperatureInput.safeParse(input);
          setLocalErrors(parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as FieldErrors));
          if (parsed.success) save.mutate({ orgId: org.id, ...input });
        }}
      >
        <TextField
          label={t("minimum")}
          type="number"
          step="any"
          value={min}
          disabled={!canEdit}
          errors={errors.temperatureMinC}
          onChange={(e) => {
            setMin(e.target.value);
            setLocalErrors({});
          }}
        />
        <TextField
          label={t("maximum")}
          type="number"
          step="any"
          value={max}
          disabled={!canEdit}
          errors={errors.temperatureMaxC}
          onChange={(e) => {
            setMax(e.target.value);
            setLocalErrors({});
          }}
        />
        <div className="flex items-center gap-3 sm:col-span-2">
          {canEdit && (
            <Button type="submit" disabled={save.isPending}>
              {t("saveRange")}
            </Button>
          )}
          {save.isSuccess && !save.isPending && <span role="status" className="text-[13px] text-emerald-700 dark:text-emerald-400">{t("saved")}</span>}
          <FormAlert message={Object.keys(errors).length ? null : errorMessageOf(save.error)} />
        </div>
      </form>
  );
}
