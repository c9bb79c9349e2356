import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { serverCaller } from "~/app/_trpc/server";
import { currentUser } from "~/server/web";
import { InvitationActions } from "../../invitation-actions";
import { AcceptHostInvitation } from "./accept-host-invitation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.invitation"))("meta") };
}

const card = "rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900";

/** An operator's invitation to follow the machines at one's place, before it is accepted. */
export default async function HostInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const wellFormed = /^[A-Za-z0-9_-]{10,100}$/.test(token);
  const [preview, user] = await Promise.all([wellFormed ? (await serverCaller()).hostPortal.preview({ token }) : null, currentUser()]);
  if (!preview) notFound();

  const here = `/host-invite/${token}`;
  const t = await getTranslations("auth");
  return (
    <div className={card}>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{t("hostInvitation.invites", { org: preview.orgName })}</p>
      <h1 className="mt-0.5 text-xl font-semibold tracking-tight">{preview.locations.join(", ") || t("hostInvitation.yourPlace")}</h1>
      <p className="mt-2 text-[13px] text-zinc-600 dark:text-zinc-400">
        {t("hostInvitation.lead")}
      </p>
      <dl className="mt-5 space-y-3 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">{t("invitation.sentTo")}</dt>
          <dd className="truncate font-medium">{preview.email}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">{t("invitation.status")}</dt>
          <dd>
            <StatusBadge status={preview.status} />
          </dd>
        </div>
      </dl>
      <div className="mt-6">
        <InvitationActions
          unusable={preview.status === "pending" ? null : t(`hostInvitation.${preview.status}`)}
          user={user}
          email={preview.email}
          here={here}
          signUpHref={`/sign-up?${new URLSearchParams({ callbackUrl: here, email: preview.email })}`}
          accept={<AcceptHostInvitation token={token} />}
        />
      </div>
    </div>
  );
}
