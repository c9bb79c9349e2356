import { FileQuestion } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "./button";

/**
 * The one answer for a page that does not exist or that this person may not see: the same
 * words either way, so the answer reveals nothing.
 */
export function NotFoundMessage() {
  const t = useTranslations("common.ui.notFound");
  return (
    <div className="flex flex-col items-center px-6 py-20 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
        <FileQuestion aria-hidden className="size-6" />
      </div>
      <p className="text-sm font-medium text-zinc-500 dark:text-zinc-400">404</p>
      <h1 className="mt-1 text-xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
        {t("body")}
      </p>
      <div className="mt-6 flex gap-2">
        <Link href="/orgs" className={buttonClasses("primary")}>
          {t("organizations")}
        </Link>
        <Link href="/" className={buttonClasses("secondary")}>
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
