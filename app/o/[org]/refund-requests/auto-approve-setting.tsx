"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Zap } from "lucide-react";
import { useTranslations } from "next-intl";
import { useOrg } from "~/app/_components/org/org-context";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { hasRole } from "~/server/tenancy/contract";

/**
 * The org's rule: approve at once a request about a purchase the machine logged as a failed vend.
 * Admins switch it; managers see whether it is on.
 */
export function AutoApproveSetting() {
  const org = useOrg();
  const t = useTranslations("refundRequests.autoApprove");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.refundRequests.settings.queryOptions({ orgId: org.id }));
  const save = useMutation(
    trpc.refundRequests.updateSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.refundRequests.settings.queryKey({ orgId: org.id }), saved),
    }),
  );
  const admin = hasRole(org.role, "admin");
  const on = save.isPending && save.variables ? save.variables.autoApproveFailedVends : data.autoApproveFailedVends;
  return (
    <section
      aria-labelledby="auto-approve-heading"
      className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs sm:flex-row sm:items-start sm:justify-between dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <div className="flex min-w-0 gap-3">
        <Zap aria-hidden className={clsx("mt-0.5 size-4 shrink-0", on ? "text-brand-600 dark:text-brand-500" : "text-zinc-500 dark:text-zinc-400")} />
        <div className="min-w-0 space-y-1">
          <h2 id="auto-approve-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {t("title")}
          </h2>
          <p id="auto-approve-description" className="text-[13px] text-zinc-600 dark:text-zinc-400">
            {t("description")}
          </p>
          {!admin && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("adminsOnly")}</p>}
          {save.isSuccess && !save.isPending && (
            <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
              {on ? t("savedOn") : t("savedOff")}
            </p>
          )}
          <FormAlert message={errorMessageOf(save.error)} />
        </div>
      </div>
      <label className="ml-7 flex shrink-0 cursor-pointer items-center gap-2 self-start text-[13px] sm:ml-0 font-medium text-zinc-700 has-disabled:cursor-not-allowed has-disabled:opacity-60 dark:text-zinc-300">
        <input
          type="checkbox"
          role="switch"
          aria-describedby="auto-approve-description"
          className="peer sr-only"
          checked={on}
          disabled={!admin || save.isPending}
          onChange={(e) => save.mutate({ orgId: org.id, autoApproveFailedVends: e.target.checked })}
        />
        <span
          aria-hidden
          className={clsx(
            "relative inline-flex h-5 w-9 items-center rounded-full transition-colors peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2 dark:peer-focus-visible:ring-offset-zinc-900",
            on ? "bg-brand-600 dark:bg-brand-500" : "bg-zinc-300 dark:bg-zinc-700",
          )}
        >
          <span className={clsx("inline-block size-4 rounded-full bg-white shadow-sm transition-transform", on ? "translate-x-4.5" : "translate-x-0.5")} />
        </span>
        <span className="sr-only">{t("title")}</span>
        <span aria-hidden>{on ? t("on") : t("off")}</span>
      </label>
    </section>
  );
}
