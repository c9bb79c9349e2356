import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { textParam, toSearchParams } from "~/app/_components/hooks/search-params";
import { currentUser, safeCallbackUrl } from "~/server/web";
import { isConsumerPath } from "../consumer-path";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signUp"))("meta") };
}

type Search = { invite?: string | string[]; email?: string | string[]; callbackUrl?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const invite = first(params.invite)?.replace(/[^A-Za-z0-9_-]/g, "") || null;
  // The address prefills the form; text the sign-up would refuse is left out rather than shown.
  const email = textParam(toSearchParams(params), "email", 254) ?? "";
  // After sign-up: the invitation, a page that asked for an account, or creating an organization.
  const next = invite ? `/invite/${invite}` : safeCallbackUrl(first(params.callbackUrl), "/orgs/new");
  if (await currentUser()) redirect(next);
  const t = await getTranslations("auth.signUp");
  const signInHref = `/sign-in?${new URLSearchParams({ callbackUrl: next === "/orgs/new" ? "/orgs" : next })}`;
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight">{invite ? t("titleInvited") : t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-500 dark:text-zinc-400">
        {invite
          ? t("leadInvited")
          : next.startsWith("/host-invite/")
            ? t("leadHost")
            : isConsumerPath(next)
              ? t("leadConsumer")
              : t("leadOperator")}
      </p>
      <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <SignUpForm defaultEmail={email} invited={Boolean(invite)} next={next} />
      </div>
      <p className="mt-6 text-center text-sm text-zinc-500 dark:text-zinc-400">
        {t.rich("haveAccount", {
          link: (chunks) => (
            <Link href={signInHref} className="font-medium text-brand-600 hover:underline dark:text-brand-500">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </>
  );
}
