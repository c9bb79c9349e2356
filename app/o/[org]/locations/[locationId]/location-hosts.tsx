"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { LoaderCircle, Send, UserMinus, X } from "lucide-react";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { TextField } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { InvitationLink, type CreatedInvitationLink } from "~/app/_components/ui/invitation-link";

const muted = "text-zinc-500 dark:text-zinc-400";

/** The place's hosts (people who see it in the host portal), invitations for new ones, and removing one. */
export function LocationHosts({ locationId, locationName }: { locationId: string; locationName: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.hostAccess.list.queryOptions({ orgId: org.id, locationId }));
  const [created, setCreated] = useState<CreatedInvitationLink | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.hostAccess.list.queryKey({ orgId: org.id, locationId }) });
  const invite = useMutation(
    trpc.hostAccess.invite.mutationOptions({
      onSuccess: (result) => {
        setCreated({ url: `${window.location.origin}${result.path}`, email: result.invitation.email, emailed: result.emailed });
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.hostAccess.revokeInvitation.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.hostAccess.remove.mutationOptions());
  const fieldErrors = fieldErrorsOf(invite.error);
  const pending = data.invitations.filter((i) => i.status === "pending");

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = String(new FormData(form).get("email") ?? "").trim();
    invite.mutate({ orgId: org.id, email, locationIds: [locationId] }, { onSuccess: () => form.reset() });
  }

  return (
    <Card id="location-hosts" title="Hosts" description={`People of ${locationName} who see its sales, machines and statements in the host portal, and can report a problem.`}>
      <form onSubmit={submit} noValidate aria-label="Invite a host">
        <FormAlert message={invite.error && !fieldErrors.email ? errorMessageOf(invite.error) : null} className="[&:not(:empty)]:mb-3" />
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
          <TextField label="Host's e-mail" name="email" type="email" autoComplete="off" placeholder="facilities@example.com" required errors={fieldErrors.email} />
          <Button type="submit" variant="primary" disabled={invite.isPending} className="sm:mt-[26px]">
            {invite.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
            Invite host
          </Button>
        </div>
      </form>
      {created && <InvitationLink invitation={created} title={`Invitation for ${created.email}`} label="Host invitation link" onDismiss={() => setCreated(null)} />}

      <h3 className="mt-5 mb-2 text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">People with access</h3>
      {data.hosts.length === 0 ? (
        <p className={clsx("text-[13px]", muted)}>No host yet. Invite someone above; they see only this place (and others you invite them to).</p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Hosts">
          {data.hosts.map((h) => (
            <li key={h.userId} className="flex items-center justify-between gap-3 px-3 py-2 text-[13px]">
              <div className="min-w-0">
                <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">{h.name ?? h.email}</p>
                <p className={clsx("truncate text-xs", muted)}>
                  {h.email} · since <Timestamp date={h.since} timeZone={org.timeZone} dateOnly />
                </p>
              </div>
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" aria-label={`Remove ${h.name ?? h.email} as host`}>
                    <UserMinus aria-hidden />
                    <span className="hidden sm:inline">Remove</span>
                  </Button>
                }
                title="Remove this host?"
                description={`${h.name ?? h.email} will no longer see ${locationName} in the host portal. Their other places stay.`}
                confirmLabel="Remove host"
                onConfirm={async () => {
                  await remove.mutateAsync({ orgId: org.id, locationId, userId: h.userId });
                  await refresh();
                }}
              />
            </li>
          ))}
        </ul>
      )}

      {pending.length > 0 && (
        <>
          <h3 className="mt-5 mb-2 text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">Pending invitations</h3>
          <FormAlert message={revoke.error ? errorMessageOf(revoke.error) : null} className="[&:not(:empty)]:mb-2" />
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Pending invitations">
            {pending.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-3 px-3 py-2 text-[13px]">
                <div className="min-w-0">
                  <p className="truncate text-zinc-900 dark:text-zinc-100">{i.email}</p>
                  <p className={clsx("text-xs", muted)}>
                    <StatusBadge status="pending" /> expires <Timestamp date={i.expiresAt} timeZone={org.timeZone} dateOnly />
                  </p>
                </div>
                <Button variant="ghost" size="sm" aria-label={`Withdraw the invitation for ${i.email}`} disabled={revoke.isPending} onClick={() => revoke.mutate({ orgId: org.id, invitationId: i.id })}>
                  <X aria-hidden />
                  <span className="hidden sm:inline">Withdraw</span>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
