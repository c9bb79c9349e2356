import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser, safeCallbackUrl } from "~/server/web";
import { isConsumerPath } from "../consumer-path";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("meta") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth.signIn");
  const signUpHref = callbackUrl === "/orgs" ? "/sign-up" : `/sign-up?${new URLSearchParams({ callbackUrl })}`;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-500 dark:text-zinc-400">
        {isConsumerPath(callbackUrl) ? t("consumerLead") : t("operatorLead")}
      </p>
      <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
      <p className="mt-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
        {t.rich("newHere", {
          link: (chunks) => (
            <Link href={signUpHref} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </>
  );
}
