"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Mail } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useTRPC } from "~/app/_trpc/client";

/** The invitations of the last 30 days, newest first, with Revoke for pending ones. */
export function InvitationsList() {
  const org = useOrg();
  const t = useTranslations("members.invitations");
  const roles = useTranslations("common.roles");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: invitations } = useSuspenseQuery(trpc.invitations.list.queryOptions({ orgId: org.id }));
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey({ orgId: org.id }) }),
    }),
  );

  if (invitations.length === 0) {
    return (
      <EmptyState icon={<Mail />} title={t("emptyTitle")} className="m-4">
        {t("emptyBody")}
      </EmptyState>
    );
  }

  return (
    <div className="relative overflow-x-auto">
      <table className={tableClasses} aria-label={t("recent")}>
        <thead className={theadClasses}>
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("email")}</th>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">{t("role")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("status")}</th>
            <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">{t("invitedBy")}</th>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">{t("sent")}</th>
            <th scope="col" className="hidden px-3 py-2 font-medium lg:table-cell">{t("expires")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((inv) => (
            <tr key={inv.id} className={rowClasses}>
              <td className={cellClasses}>
                <p className="max-w-36 truncate font-medium text-zinc-900 sm:max-w-64 dark:text-zinc-100">{inv.email}</p>
                <p className="text-xs text-zinc-500 sm:hidden dark:text-zinc-400">{roles(inv.role)}</p>
              </td>
              <td className={clsx(cellClasses, "hidden text-zinc-700 sm:table-cell dark:text-zinc-300")}>{roles(inv.role)}</td>
              <td className={cellClasses}>
                <StatusBadge status={inv.status} />
              </td>
              <td className={clsx(cellClasses, "hidden text-zinc-600 md:table-cell dark:text-zinc-400")}>{inv.invitedByName ?? "—"}</td>
              <td className={clsx(cellClasses, "hidden text-zinc-600 sm:table-cell dark:text-zinc-400")}>
                <Timestamp date={inv.createdAt} timeZone={org.timeZone} />
              </td>
              <td className={clsx(cellClasses, "hidden text-zinc-600 lg:table-cell dark:text-zinc-400")}>
                {inv.status === "pending" ? <Timestamp date={inv.expiresAt} timeZone={org.timeZone} /> : "—"}
              </td>
              <td className={clsx(cellClasses, "text-right")}>
                {inv.status === "pending" && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="sm" aria-label={t("revokeLabel", { email: inv.email })}>
                        {t("revoke")}
                      </Button>
                    }
                    title={t("revokeTitle")}
                    description={t("revokeDescription", { email: inv.email })}
                    confirmLabel={t("revokeConfirm")}
                    onConfirm={() => revoke.mutateAsync({ orgId: org.id, invitationId: inv.id })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
