import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "../ui/button";
import { Logo } from "../ui/logo";

/** A consumer page's 404: what was not found, what to do instead, and one way on. */
export function ConsumerNotFound({
  icon,
  title,
  children,
  action,
}: {
  icon: React.ReactNode;
  title: string;
  children: React.ReactNode;
  action: { href: string; label: string };
}) {
  const t = useTranslations("consumer");
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950">
      <header className="px-4 py-4">
        <Link href="/" aria-label={t("homeLink")} className="inline-flex rounded-md">
          <Logo />
        </Link>
      </header>
      <main className="flex flex-col items-center px-6 py-16 text-center">
        <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400 [&_svg]:size-6">
          {icon}
        </div>
        <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">404</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-2 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{children}</p>
        <Link href={action.href} className={buttonClasses("secondary", "lg", "mt-6")}>
          {action.label}
        </Link>
      </main>
    </div>
  );
}
