import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { serverCaller } from "~/app/_trpc/server";
import { renderMessage } from "~/server/errors";
import { unusableInvitation } from "~/server/tenancy/contract";
import { currentUser } from "~/server/web";
import { InvitationActions } from "../../invitation-actions";
import { AcceptInvitation } from "./accept-invitation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.invitation"))("meta") };
}

const card = "rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const wellFormed = /^[A-Za-z0-9_-]{10,100}$/.test(token);
  const [preview, user] = await Promise.all([
    wellFormed ? (await serverCaller()).invitations.preview({ token }) : null,
    currentUser(),
  ]);

  // An unknown or malformed link answers 404, like any other address that names nothing.
  if (!preview) notFound();

  const here = `/invite/${token}`;
  const t = await getTranslations();
  return (
    <div className={card}>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("auth.invitation.invitedToJoin")}</p>
      <h1 className="mt-0.5 text-xl font-semibold tracking-tight">{preview.orgName}</h1>
      <dl className="mt-5 space-y-3 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">{t("auth.invitation.role")}</dt>
          <dd className="text-right">
            <span className="font-medium">{t(`common.roles.${preview.role}`)}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{t(`common.roleDescriptions.${preview.role}`)}</span>
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">{t("auth.invitation.sentTo")}</dt>
          <dd className="truncate font-medium">{preview.email}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">{t("auth.invitation.status")}</dt>
          <dd>
            <StatusBadge status={preview.status} />
          </dd>
        </div>
      </dl>

      <div className="mt-6">
        <InvitationActions
          unusable={preview.status === "pending" ? null : renderMessage(unusableInvitation[preview.status])}
          user={user}
          email={preview.email}
          here={here}
          signUpHref={`/sign-up?${new URLSearchParams({ invite: token, email: preview.email })}`}
          accept={<AcceptInvitation token={token} />}
        />
      </div>
    </div>
  );
}
