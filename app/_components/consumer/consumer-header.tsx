import { UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "../ui/button";
import { Logo } from "../ui/logo";

/**
 * The slim bar above the public consumer pages (a machine's page, an order): the mark, and either
 * the visitor's account or a way to sign in and come back here.
 */
export function ConsumerHeader({ signedIn, returnTo }: { signedIn: boolean; returnTo: string }) {
  const t = useTranslations("consumer");
  return (
    <header className="border-b border-zinc-200 bg-white print:hidden dark:border-zinc-800 dark:bg-zinc-950">
      <div className="mx-auto flex h-14 max-w-2xl items-center justify-between px-4">
        <Link href="/" aria-label={t("homeLink")} className="rounded-md">
          <Logo />
        </Link>
        {signedIn ? (
          <Link href="/me" className={buttonClasses("ghost", "md", "h-10")}>
            <UserRound aria-hidden />
            {t("header.myPurchases")}
          </Link>
        ) : (
          <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`} className={buttonClasses("ghost", "md", "h-10")}>
            {t("header.signIn")}
          </Link>
        )}
      </div>
    </header>
  );
}
