import { MailWarning } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "~/app/_components/ui/button";
import { signOutAction } from "./actions";

/**
 * What a person can do with an invitation (a member's or a host's): read why it no longer works;
 * signed out, create an account or sign in with the address it was sent to; signed in, accept it
 * (`accept`), warned when signed in with another address, or sign out to use another account.
 */
export function InvitationActions(props: {
  /** Why the invitation can no longer be used, or null while it is pending. */
  unusable: string | null;
  user: { name: string; email: string } | null;
  /** The address the invitation was sent to. */
  email: string;
  /** The invitation page's own path, to come back to. */
  here: string;
  signUpHref: string;
  accept: React.ReactNode;
}) {
  const { unusable, user, email, here } = props;
  const t = useTranslations("auth.invitation");
  if (unusable) return <p className="rounded-md bg-zinc-50 px-3 py-2 text-[13px] text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">{unusable}</p>;
  if (!user) {
    return (
      <div className="space-y-2">
        <Link href={props.signUpHref} className={buttonClasses("primary", "md", "w-full")}>
          {t("createAccount")}
        </Link>
        <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`} className={buttonClasses("secondary", "md", "w-full")}>
          {t("signIn")}
        </Link>
        <p className="pt-1 text-center text-xs text-zinc-500 dark:text-zinc-400">{t("useEmail", { email })}</p>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {user.email.toLowerCase() !== email.toLowerCase() && (
        <p className="flex gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
          <MailWarning aria-hidden className="mt-0.5 size-4 shrink-0" />
          <span>{t("otherAccount", { current: user.email, email })}</span>
        </p>
      )}
      {props.accept}
      <form action={signOutAction.bind(null, here)}>
        <button type="submit" className="w-full text-center text-[13px] text-zinc-500 hover:text-zinc-800 hover:underline dark:text-zinc-400 dark:hover:text-zinc-200">
          {t("signOut", { name: user.name })}
        </button>
      </form>
    </div>
  );
}
