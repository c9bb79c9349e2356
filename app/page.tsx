import {
  BellRing,
  ChartColumn,
  ClipboardList,
  CreditCard,
  RotateCcw,
  ScrollText,
  ShieldCheck,
  Users,
  Webhook,
} from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentUser } from "~/server/web";
import { buttonClasses } from "./_components/ui/button";
import { FlowDiagram } from "./_components/home/flow-diagram";
import { Logo } from "./_components/ui/logo";

const features = [
  { icon: Webhook, key: "realtime" },
  { icon: RotateCcw, key: "refunds" },
  { icon: BellRing, key: "alerts" },
  { icon: ChartColumn, key: "sales" },
  { icon: ClipboardList, key: "restock" },
  { icon: CreditCard, key: "checkout" },
] as const;

const foundations = [
  { icon: Users, key: "team" },
  { icon: ShieldCheck, key: "data" },
  { icon: ScrollText, key: "audit" },
] as const;

export default async function Landing() {
  const user = await currentUser();
  const t = await getTranslations("home");
  return (
    <div className="min-h-dvh bg-white dark:bg-zinc-950">
      <header className="mx-auto flex h-16 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Link href="/" aria-label={t("homeLink")} className="rounded-md">
          <Logo className="text-[17px]" />
        </Link>
        <nav aria-label={t("nav.label")} className="flex items-center gap-2">
          {user ? (
            <Link href="/orgs" className={buttonClasses("primary")}>
              {t("nav.dashboard")}
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClasses("ghost")}>
                {t("nav.signIn")}
              </Link>
              <Link href="/sign-up" className={buttonClasses("primary")}>
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </nav>
      </header>

      <main>
        <section className="mx-auto grid max-w-6xl grid-cols-1 items-center gap-12 px-4 pt-12 pb-20 sm:px-6 lg:grid-cols-[1.1fr_1fr] lg:pt-20">
          <div>
            <p className="text-sm font-medium text-brand-600 dark:text-brand-500">{t("hero.kicker")}</p>
            <h1 className="mt-3 text-4xl font-semibold tracking-tight text-balance text-zinc-950 sm:text-5xl dark:text-white">
              {t("hero.title")}
            </h1>
            <p className="mt-5 max-w-xl text-lg text-pretty text-zinc-600 dark:text-zinc-400">
              {t("hero.body")}
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {user ? (
                <Link href="/orgs" className={buttonClasses("primary", "lg")}>
                  {t("nav.dashboard")}
                </Link>
              ) : (
                <>
                  <Link href="/sign-up" className={buttonClasses("primary", "lg")}>
                    {t("nav.signUp")}
                  </Link>
                  <Link href="/sign-in" className={buttonClasses("secondary", "lg")}>
                    {t("nav.signIn")}
                  </Link>
                </>
              )}
            </div>
          </div>
          <FlowDiagram />
        </section>

        <section aria-labelledby="features" className="border-t border-zinc-200 bg-zinc-50 py-20 dark:border-zinc-800 dark:bg-zinc-900/40">
          <div className="mx-auto max-w-6xl px-4 sm:px-6">
            <h2 id="features" className="max-w-2xl text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
              {t("features.title")}
            </h2>
            <p className="mt-2 max-w-2xl text-zinc-600 dark:text-zinc-400">
              {t("features.body")}
            </p>
            <ul className="mt-10 grid gap-px overflow-hidden rounded-xl border border-zinc-200 bg-zinc-200 sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-800">
              {features.map(({ icon: Icon, key }) => (
                <li key={key} className="bg-white p-6 dark:bg-zinc-950">
                  <Icon aria-hidden className="size-5 text-brand-600 dark:text-brand-500" />
                  <h3 className="mt-4 font-semibold text-zinc-900 dark:text-zinc-100">{t(`features.${key}.title`)}</h3>
                  <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{t(`features.${key}.body`)}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section aria-labelledby="foundations" className="py-20">
          <div className="mx-auto max-w-6xl px-4 sm:px-6">
            <h2 id="foundations" className="text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
              {t("foundations.title")}
            </h2>
            <ul className="mt-8 grid gap-8 sm:grid-cols-3">
              {foundations.map(({ icon: Icon, key }) => (
                <li key={key} className="flex gap-3">
                  <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-zinc-500" />
                  <div>
                    <h3 className="font-medium text-zinc-900 dark:text-zinc-100">{t(`foundations.${key}.title`)}</h3>
                    <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t(`foundations.${key}.body`)}</p>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>

      <footer className="border-t border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-zinc-500 sm:px-6 dark:text-zinc-400">
          <Logo withWord={false} />
          <p>{t("footer.tagline")}</p>
          <Link href="/docs/api" className="font-medium text-zinc-700 underline-offset-2 hover:underline dark:text-zinc-300">
            {t("footer.api")}
          </Link>
        </div>
      </footer>
    </div>
  );
}
