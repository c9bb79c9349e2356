import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Logo } from "~/app/_components/ui/logo";
import { requireUser } from "~/server/web";
import { ConsumerNav, SignOutButton } from "./consumer-nav";

/** The consumer's own area: purchases, memberships and requests across operators. */
export default async function ConsumerLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/me");
  const t = await getTranslations("consumer.me");
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950 print:bg-white">
      <header className="border-b border-zinc-200 bg-white print:hidden dark:border-zinc-800 dark:bg-zinc-950">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-3 px-4 sm:px-6">
          <Link href="/me" aria-label={t("homeLink")} className="rounded-md">
            <Logo />
          </Link>
          <div className="flex min-w-0 items-center gap-2">
            <span className="hidden truncate text-sm text-zinc-600 sm:inline dark:text-zinc-400">{user.name}</span>
            <SignOutButton />
          </div>
        </div>
        <ConsumerNav />
      </header>
      <main className="mx-auto max-w-5xl px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
