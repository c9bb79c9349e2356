"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { LoaderCircle, Send, UserMinus, X } from "lucide-react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("locations.hosts");
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
    <Card id="location-hosts" title={t("title")} description={t("description", { location: locationName })}>
      <form onSubmit={submit} noValidate aria-label={t("inviteForm")}>
        <FormAlert message={invite.error && !fieldErrors.email ? errorMessageOf(invite.error) : null} className="[&:not(:empty)]:mb-3" />
        <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
          <TextField label={t("email")} name="email" type="email" autoComplete="off" placeholder={t("emailPlaceholder")} required errors={fieldErrors.email} />
          <Button type="submit" variant="primary" disabled={invite.isPending} className="sm:mt-[26px]">
            {invite.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
            {t("invite")}
          </Button>
        </div>
      </form>
      {created && <InvitationLink invitation={created} title={t("invitationFor", { email: created.email })} label={t("invitationLink")} onDismiss={() => setCreated(null)} />}

      <h3 className="mt-5 mb-2 text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">{t("people")}</h3>
      {data.hosts.length === 0 ? (
        <p className={clsx("text-[13px]", muted)}>{t("none")}</p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label={t("list")}>
          {data.hosts.map((h) => (
            <li key={h.userId} className="flex items-center justify-between gap-3 px-3 py-2 text-[13px]">
              <div className="min-w-0">
                <p className="truncate font-medium text-zinc-900 dark:text-zinc-100">{h.name ?? h.email}</p>
                <p className={clsx("truncate text-xs", muted)}>
                  {t.rich("since", { email: h.email, time: () => <Timestamp date={h.since} timeZone={org.timeZone} dateOnly /> })}
                </p>
              </div>
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" aria-label={t("removeName", { name: h.name ?? h.email })}>
                    <UserMinus aria-hidden />
                    <span className="hidden sm:inline">{t("remove")}</span>
                  </Button>
                }
                title={t("removeTitle")}
                description={t("removeDescription", { name: h.name ?? h.email, location: locationName })}
                confirmLabel={t("removeConfirm")}
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
          <h3 className="mt-5 mb-2 text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">{t("pending")}</h3>
          <FormAlert message={revoke.error ? errorMessageOf(revoke.error) : null} className="[&:not(:empty)]:mb-2" />
          <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label={t("pending")}>
            {pending.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-3 px-3 py-2 text-[13px]">
                <div className="min-w-0">
                  <p className="truncate text-zinc-900 dark:text-zinc-100">{i.email}</p>
                  <p className={clsx("text-xs", muted)}>
                    {t.rich("expires", {
                      badge: () => <StatusBadge status="pending" />,
                      time: () => <Timestamp date={i.expiresAt} timeZone={org.timeZone} dateOnly />,
                    })}
                  </p>
                </div>
                <Button variant="ghost" size="sm" aria-label={t("withdrawFor", { email: i.email })} disabled={revoke.isPending} onClick={() => revoke.mutate({ orgId: org.id, invitationId: i.id })}>
                  <X aria-hidden />
                  <span className="hidden sm:inline">{t("withdraw")}</span>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
