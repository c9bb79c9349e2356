import { Link2Off } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "~/app/_components/ui/button";
import { currentUser } from "~/server/web";

/** A host invitation link no invitation has: a 404, with what to do about it. */
export default async function HostInvitationNotFound() {
  const user = await currentUser();
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <Link2Off aria-hidden className="size-6 text-zinc-500" />
      <h1 className="mt-3 text-lg font-semibold tracking-tight">This invitation link is not valid</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Check that you opened the whole link from the message. If it still does not work, ask the operator
        to send a new invitation.
      </p>
      <Link href={user ? "/h" : "/"} className={`${buttonClasses("secondary")} mt-5`}>
        {user ? "Your places" : "VendOps home"}
      </Link>
    </div>
  );
}
