import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { Logo } from "./_components/ui/logo";
import { NotFoundMessage } from "./_components/ui/not-found-message";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home.meta");
  return { title: t("notFound") };
}

export default function NotFound() {
  const t = useTranslations("home");
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <header className="px-6 py-5">
        <Link href="/" aria-label={t("homeLink")} className="inline-flex rounded-md">
          <Logo />
        </Link>
      </header>
      <main>
        <NotFoundMessage />
      </main>
    </div>
  );
}
