"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Banknote, CheckCheck, Send } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { HostStatementDetail } from "~/server/hosts/contract";
import { formatMoney } from "~/server/money";
import { hasRole } from "~/server/tenancy/contract";
import { formatDate } from "~/server/time";
import { formatMonth } from "../../months";

const next = {
  draft: "Check the figures and adjustments, then approve it; once approved, it can be sent to the host.",
  approved: "Approved. Send it to the host: they get the PDF by e-mail and see it in their portal.",
  sent: "Sent to the host. Mark it paid once the money has gone out.",
  paid: "Paid. Nothing more to do.",
} as const;

/** What can be done with the statement in its state (approve, send, mark paid), and to whom it goes. */
export function StatementActions({ statement: s }: { statement: HostStatementDetail }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.hosts.statements.pathKey() });
  const approve = useMutation(trpc.hosts.statements.approve.mutationOptions({ onSuccess: refresh }));
  const send = useMutation(trpc.hosts.statements.send.mutationOptions({ onSuccess: refresh }));
  const markPaid = useMutation(trpc.hosts.statements.markPaid.mutationOptions({ onSuccess: refresh }));
  const manager = hasRole(org.role, "manager");
  const input = { orgId: org.id, statementId: s.id };
  const total = formatMoney(s.totalMinor, s.currency);
  const what = `${s.locationName}, ${formatMonth(s.month)}`;
  const recipients = s.recipients.join(", ");
  const delivery = send.data
    ? send.data.emailed > 0
      ? `E-mailed with its PDF to ${send.data.emailed} of ${send.data.recipients.length} ${send.data.recipients.length === 1 ? "recipient" : "recipients"}.`
      : `Marked sent. This server does not send e-mail: download the PDF and send it to ${send.data.recipients.join(", ")} yourself.`
    : null;

  return (
    <section aria-label="Next step" className="space-y-2">
      <FormAlert tone="success" message={s.status === "sent" ? delivery : null} />
      <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white px-4 py-3 sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800 dark:bg-zinc-900/60">
        <div className="min-w-0 text-[13px] text-zinc-700 dark:text-zinc-300">
          <p>{next[s.status]}</p>
          {s.status === "sent" || s.status === "paid" ? (
            s.sentAt && (
              <p className="mt-0.5 text-zinc-500 dark:text-zinc-400">
                Sent on {formatDate(s.sentAt, org.timeZone)}
                {recipients ? ` to ${recipients}` : ""}.
              </p>
            )
          ) : (
            <p className="mt-0.5 text-zinc-500 dark:text-zinc-400" data-testid="statement-recipients">
              {recipients ? `Goes to ${recipients}.` : "No one to send it to yet: add contact e-mails to the contract, or invite the place's host."}
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
                    Approve
                  </Button>
                }
                title="Approve this statement?"
                description={`${what}: ${total} owed to the host. Once approved, its figures and adjustments are fixed; a late sale still revises it and says so.`}
                confirmLabel="Approve"
                tone="primary"
                onConfirm={() => approve.mutateAsync(input)}
              />
            )}
            {s.status === "approved" && (
              <ConfirmDialog
                trigger={
                  <Button variant="primary" disabled={s.recipients.length === 0}>
                    <Send aria-hidden />
                    Send to host
                  </Button>
                }
                title="Send this statement?"
                description={`${what} goes by e-mail with its PDF to ${recipients}.`}
                confirmLabel="Send"
                tone="primary"
                onConfirm={() => send.mutateAsync(input)}
              />
            )}
            {s.status === "sent" && (
              <ConfirmDialog
                trigger={
                  <Button variant="primary">
                    <Banknote aria-hidden />
                    Mark paid
                  </Button>
                }
                title="Mark this statement paid?"
                description={`Record that ${total} was paid to the host of ${what}.`}
                confirmLabel="Mark paid"
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
