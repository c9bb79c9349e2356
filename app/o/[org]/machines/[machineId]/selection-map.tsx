"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { hasRole } from "~/server/tenancy/contract";
import { usePlanogram } from "./use-machine";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const NOT_MAPPED = "";

/**
 * Which planogram slot each selection number of the machine's audits stands for. VendOps matches
 * them where it can (auto); a manager sets the rest by hand, which automatic matching then leaves
 * alone. Unmapped selections stay listed, marked: their sales cannot be compared with telemetry.
 */
export function SelectionMap({ machineId }: { machineId: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.audits.selectionMap.queryOptions({ orgId: org.id, machineId }));
  const slots = usePlanogram(machineId);
  const manager = hasRole(org.role, "manager");
  const t = useTranslations("machines.selectionMap");
  // Only what the manager changed: selections that arrive meanwhile show as they are saved.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const valueOf = (e: (typeof data.entries)[number]) => drafts[e.selection] ?? e.slotCode ?? NOT_MAPPED;
  const [message, setMessage] = useState<string | null>(null);
  const save = useMutation(trpc.audits.setSelectionMap.mutationOptions());
  const errors = fieldErrorsOf(save.error);

  const changed = data.entries.filter((e) => valueOf(e) !== (e.slotCode ?? NOT_MAPPED));
  const unmapped = data.entries.filter((e) => valueOf(e) === NOT_MAPPED).length;
  const productOf = new Map(slots.map((s) => [s.code, s.productName]));
  const slotLabel = (code: string) => `${code}${productOf.get(code) ? ` · ${productOf.get(code)}` : ""}`;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    save.mutate(
      { orgId: org.id, machineId, entries: changed.map((e) => ({ selection: e.selection, slotCode: valueOf(e) || null })) },
      {
        onSuccess: async (next) => {
          queryClient.setQueryData(trpc.audits.selectionMap.queryKey({ orgId: org.id, machineId }), next);
          setDrafts({});
          setMessage(t("saved"));
          // The sales between reads follow the map: every audit view of the machine changes.
          await queryClient.invalidateQueries({ queryKey: trpc.audits.pathKey() });
        },
      },
    );
  }

  if (data.entries.length === 0) return null;
  return (
    <Card
      id="selection-map"
      title={t("title")}
      description={
        unmapped > 0 ? (
          <span className="text-amber-700 dark:text-amber-300">
            {t.rich("unmapped", { unmapped, total: data.entries.length, n: (chunks) => <span className="tabular">{chunks}</span> })}
          </span>
        ) : (
          t("description")
        )
      }
      bodyClassName="p-0"
    >
      <form onSubmit={submit} noValidate aria-label={t("title")}>
        <FormAlert message={save.error ? t("notSaved", { reason: errorMessageOf(save.error) ?? "" }) : null} className="[&:not(:empty)]:m-3" />
        <div className="relative overflow-x-auto">
          <table className={tableClasses}>
            <thead className={theadClasses}>
              <tr>
                <th scope="col" className={th}>
                  {t("selection")}
                </th>
                <th scope="col" className={th}>
                  {t("slot")}
                </th>
                <th scope="col" className={th}>
                  {t("setBy")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => {
                const value = valueOf(e);
                // The save sends the changed entries only: errors name their place in that list.
                const error = errors[`entries.${changed.indexOf(e)}.slotCode`];
                const options = value && !data.slotCodes.includes(value) ? [...data.slotCodes, value] : data.slotCodes;
                const label = t("slotOf", { selection: e.selection || t("noNumber") });
                return (
                  <tr key={e.selection} className={clsx(rowClasses, value === NOT_MAPPED && "bg-amber-50/70 dark:bg-amber-500/5")}>
                    <td className={clsx(cellClasses, "font-mono text-xs")}>{e.selection || t("noNumber")}</td>
                    <td className={cellClasses}>
                      {manager ? (
                        <NativeSelect
                          size="sm"
                          aria-label={label}
                          value={value}
                          onChange={(ev) => setDrafts((d) => ({ ...d, [e.selection]: ev.target.value }))}
                          className="w-52 max-w-full"
                          aria-invalid={error ? true : undefined}
                        >
                          <option value={NOT_MAPPED}>{t("notMapped")}</option>
                          {options.map((code) => (
                            <option key={code} value={code}>
                              {data.slotCodes.includes(code) ? slotLabel(code) : t("notInPlanogram", { code })}
                            </option>
                          ))}
                        </NativeSelect>
                      ) : value === NOT_MAPPED ? (
                        <span className="font-medium text-amber-700 dark:text-amber-300">{t("notMapped")}</span>
                      ) : (
                        slotLabel(value)
                      )}
                      {error && <span className="mt-1 block text-xs text-red-600 dark:text-red-400">{error[0]}</span>}
                    </td>
                    <td className={clsx(cellClasses, "text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400")}>
                      {value !== (e.slotCode ?? NOT_MAPPED) ? (
                        <span className="font-medium text-brand-700 dark:text-brand-300">{t("changed")}</span>
                      ) : e.source === "manual" ? (
                        <span title={t("manualTitle")}>{t("manual")}</span>
                      ) : (
                        <span title={t("autoTitle")}>{t("auto")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {manager ? (
          <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800">
            <FormAlert tone="success" message={changed.length === 0 ? message : null} className="mr-auto" />
            <Button size="sm" variant="ghost" disabled={changed.length === 0 || save.isPending} onClick={() => setDrafts({})}>
              {t("discard")}
            </Button>
            <Button size="sm" type="submit" variant="primary" disabled={changed.length === 0 || save.isPending}>
              {save.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
              {t("save")}
            </Button>
          </div>
        ) : (
          <p className="border-t border-zinc-200 px-4 py-2.5 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">{t("managerMaps")}</p>
        )}
      </form>
    </Card>
  );
}
