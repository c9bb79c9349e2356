import Link from "next/link";
import { useTranslations } from "next-intl";
import { Logo } from "~/app/_components/ui/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = useTranslations("auth");
  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50 dark:bg-zinc-950">
      <header className="px-6 py-5">
        <Link href="/" className="inline-flex rounded-md text-zinc-900 dark:text-zinc-100" aria-label={t("homeLink")}>
          <Logo />
        </Link>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-12">
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </div>
  );
}
