"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Banknote, CheckCheck, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { HostStatementDetail } from "~/server/hosts/contract";
import { hasRole } from "~/server/tenancy/contract";
import { formatMonth } from "../../months";

/** What can be done with the statement in its state (approve, send, mark paid), and to whom it goes. */
export function StatementActions({ statement: s }: { statement: HostStatementDetail }) {
  const org = useOrg();
  const t = useTranslations("hosts.actions");
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.hosts.statements.pathKey() });
  const approve = useMutation(trpc.hosts.statements.approve.mutationOptions({ onSuccess: refresh }));
  const send = useMutation(trpc.hosts.statements.send.mutationOptions({ onSuccess: refresh }));
  const markPaid = useMutation(trpc.hosts.statements.markPaid.mutationOptions({ onSuccess: refresh }));
  const manager = hasRole(org.role, "manager");
  const input = { orgId: org.id, statementId: s.id };
  const total = f.money(s.totalMinor, s.currency);
  const what = t("what", { place: s.locationName, month: formatMonth(s.month, f.locale) });
  const recipients = s.recipients.join(", ");
  const delivery = send.data
    ? send.data.emailed > 0
      ? t("emailed", { emailed: send.data.emailed, count: send.data.recipients.length })
      : t("notEmailed", { recipients: send.data.recipients.join(", ") })
    : null;

  return (
    <section aria-label={t("label")} className="space-y-2">
      <FormAlert tone="success" message={s.status === "sent" ? delivery : null} />
      <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white px-4 py-3 sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800 dark:bg-zinc-900/60">
        <div className="min-w-0 text-[13px] text-zinc-700 dark:text-zinc-300">
          <p>{t(`next.${s.status}`)}</p>
          {s.status === "sent" || s.status === "paid" ? (
            s.sentAt && (
              <p className="mt-0.5 text-zinc-500 dark:text-zinc-400">
                {recipients ? t("sentOnTo", { date: f.date(s.sentAt, org.timeZone), recipients }) : t("sentOn", { date: f.date(s.sentAt, org.timeZone) })}
              </p>
            )
          ) : (
            <p className="mt-0.5 text-zinc-500 dark:text-zinc-400" data-testid="statement-recipients">
              {recipients ? t("goesTo", { recipients }) : t("noRecipients")}
            </p>
          )}
        </div>
        {manager && (
          <div className="flex shrink-0 flex-wrap gap-2">
            {s.status === "draft" && (
              <ConfirmDialog
                trigger={
                  <Button variant="primary">
                    <CheckCheck aria-hidden />
                    {t("approve")}
                  </Button>
                }
                title={t("approveTitle")}
                description={t("approveDescription", { what, total })}
                confirmLabel={t("approve")}
                tone="primary"
                onConfirm={() => approve.mutateAsync(input)}
              />
            )}
            {s.status === "approved" && (
              <ConfirmDialog
                trigger={
                  <Button variant="primary" disabled={s.recipients.length === 0}>
                    <Send aria-hidden />
                    {t("sendToHost")}
                  </Button>
                }
                title={t("sendTitle")}
                description={t("sendDescription", { what, recipients })}
                confirmLabel={t("send")}
                tone="primary"
                onConfirm={() => send.mutateAsync(input)}
              />
            )}
            {s.status === "sent" && (
              <ConfirmDialog
                trigger={
                  <Button variant="primary">
                    <Banknote aria-hidden />
                    {t("markPaid")}
                  </Button>
                }
                title={t("markPaidTitle")}
                description={t("markPaidDescription", { total, what })}
                confirmLabel={t("markPaid")}
                tone="primary"
                onConfirm={() => markPaid.mutateAsync(input)}
              />
            )}
          </div>
        )}
      </div>
    </section>
  );
}
