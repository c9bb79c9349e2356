import { Link2Off } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "~/app/_components/ui/button";
import { currentUser } from "~/server/web";

/** A host invitation link no invitation has: a 404, with what to do about it. */
export default async function HostInvitationNotFound() {
  const user = await currentUser();
  const t = await getTranslations("auth");
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <Link2Off aria-hidden className="size-6 text-zinc-500" />
      <h1 className="mt-3 text-lg font-semibold tracking-tight">{t("invitation.notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {t("hostInvitation.notFoundBody")}
      </p>
      <Link href={user ? "/h" : "/"} className={`${buttonClasses("secondary")} mt-5`}>
        {user ? t("hostInvitation.places") : t("homeLink")}
      </Link>
    </div>
  );
}
