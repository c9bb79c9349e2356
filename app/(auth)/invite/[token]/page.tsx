import { MailWarning } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClasses } from "~/app/_components/ui/button";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { serverCaller } from "~/app/_trpc/server";
import { renderMessage } from "~/server/errors";
import { roleDescriptions, roleLabels, unusableInvitation } from "~/server/tenancy/contract";
import { currentUser } from "~/server/web";
import { signOutAction } from "../../actions";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

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
  const wrongAccount = user && user.email.toLowerCase() !== preview.email.toLowerCase();
  return (
    <div className={card}>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">You are invited to join</p>
      <h1 className="mt-0.5 text-xl font-semibold tracking-tight">{preview.orgName}</h1>
      <dl className="mt-5 space-y-3 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">Role</dt>
          <dd className="text-right">
            <span className="font-medium">{roleLabels[preview.role]}</span>
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">{roleDescriptions[preview.role]}</span>
          </dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">Sent to</dt>
          <dd className="truncate font-medium">{preview.email}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">Status</dt>
          <dd>
            <StatusBadge status={preview.status} />
          </dd>
        </div>
      </dl>

      <div className="mt-6">
        {preview.status !== "pending" ? (
          <p className="rounded-md bg-zinc-50 px-3 py-2 text-[13px] text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">{renderMessage(unusableInvitation[preview.status])}</p>
        ) : !user ? (
          <div className="space-y-2">
            <Link
              href={`/sign-up?${new URLSearchParams({ invite: token, email: preview.email })}`}
              className={buttonClasses("primary", "md", "w-full")}
            >
              Create account
            </Link>
            <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`} className={buttonClasses("secondary", "md", "w-full")}>
              Sign in
            </Link>
            <p className="pt-1 text-center text-xs text-zinc-500 dark:text-zinc-400">Use {preview.email} for either.</p>
          </div>
        ) : (
          <div className="space-y-3">
            {wrongAccount && (
              <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
                <MailWarning aria-hidden className="mt-0.5 size-4 shrink-0" />
                <span>
                  You are signed in as {user.email}, but this invitation was sent to {preview.email}.
                </span>
              </p>
            )}
            <AcceptInvitation token={token} />
            <form action={signOutAction.bind(null, here)}>
              <button type="submit" className="w-full text-center text-[13px] text-zinc-500 hover:text-zinc-800 hover:underline dark:text-zinc-400 dark:hover:text-zinc-200">
                Not {user.name}? Sign out and use another account
              </button>
            </form>
          </div>
        )}
      </div>
    </div>
  );
}
