import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "~/app/_components/ui/card";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Stat } from "~/app/_components/ui/stat";
import { ZoneClock } from "~/app/_components/org/zone-clock";
import { serverCaller } from "~/app/_trpc/server";
import { intlLocale } from "~/server/i18n/locales";
import { hasRole, roleLadder } from "~/server/tenancy/contract";
import type { MemberRole } from "~/server/tenancy/contract";
import { StepMark } from "./setup-checklist";
import { setupSteps, type SetupStep } from "./setup-steps";

type Org = { id: string; name: string; slug: string; timeZone: string; currency: string; supportEmail: string | null };

/** The overview of an organization without machines yet: its setup steps, and what roles do. */
export async function GettingStarted({ org, role }: { org: Org; role: MemberRole }) {
  const t = await getTranslations("overview.gettingStarted");
  const roles = await getTranslations("common.roles");
  const roleDescriptions = await getTranslations("common.roleDescriptions");
  const admin = hasRole(role, "admin");
  const caller = await serverCaller();
  const manager = hasRole(role, "manager");
  const [members, invitations, progress] = await Promise.all([
    caller.members.list({ orgId: org.id }),
    admin ? caller.invitations.list({ orgId: org.id }) : Promise.resolve(null),
    caller.machines.onboarding({ orgId: org.id }),
  ]);
  const pending = invitations?.filter((i) => i.status === "pending").length ?? null;
  const currencyName = new Intl.DisplayNames([intlLocale(await getLocale())], { type: "currency" }).of(org.currency) ?? org.currency;
  const base = `/o/${org.slug}`;

  const setup = await setupSteps(progress, base, role);
  const join: SetupStep = { key: "join", done: true, title: t("join.title", { name: org.name }), body: t("join.body", { role: roles(role).toLowerCase() }) };
  const steps: SetupStep[] = admin
    ? [
        { key: "org", done: true, title: t("org.title"), body: t("org.body", { name: org.name, path: base }) },
        ...setup,
        {
          key: "settings",
          done: null,
          title: t("settings.title"),
          body: t("settings.body", { timeZone: org.timeZone, currency: org.currency }),
          href: `${base}/settings`,
          action: t("settings.action"),
        },
      ]
    : manager
      ? [join, ...setup]
      : [
          join,
          {
            key: "team",
            done: null,
            title: t("team.title"),
            body: t("team.body", { count: members.length }),
            href: `${base}/members`,
            action: t("team.action"),
          },
          {
            key: "fleet",
            done: null,
            title: t("fleet.title"),
            body: t("fleet.body"),
            href: `${base}/machines`,
            action: t("fleet.action"),
          },
        ];

  return (
    <>
      <PageHeader title={org.name} description={t("description", { path: base })} />

      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 md:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label={t("stats.role")}>
          <span className="text-zinc-900 dark:text-zinc-100">{roles(role)}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{roleDescriptions(role)}</span>
        </Stat>
        <Stat label={t("stats.members")}>
          <span className="tabular text-zinc-900 dark:text-zinc-100">{members.length}</span>
          {pending !== null && (
            <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
              {t.rich("stats.pending", { count: pending, n: (chunks) => <span className="tabular">{chunks}</span> })}
            </span>
          )}
        </Stat>
        <Stat label={t("stats.timeZone")}>
          <span className="block truncate text-zinc-900 dark:text-zinc-100">{org.timeZone}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            <ZoneClock timeZone={org.timeZone} />
          </span>
        </Stat>
        <Stat label={t("stats.currency")}>
          <span className="text-zinc-900 dark:text-zinc-100">{org.currency}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{currencyName}</span>
        </Stat>
      </dl>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card id="setup" title={t("setupTitle")} description={admin ? t("setupAdmin") : t("setupMember")} className="lg:col-span-2" bodyClassName="p-0">
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {steps.map((step) => (
              <li key={step.key} className="flex items-start gap-3 px-4 py-3">
                <StepMark done={step.done} />
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{step.title}</p>
                  <p className="text-[13px] break-words text-zinc-500 dark:text-zinc-400">{step.body}</p>
                </div>
                {step.href && (
                  <Link href={step.href} className="shrink-0 text-[13px] font-medium text-brand-600 hover:underline dark:text-brand-500">
                    {step.action}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </Card>

        <Card title={t("rolesTitle")} description={t("rolesDescription")}>
          <dl className="space-y-2.5 text-[13px]">
            {[...roleLadder].reverse().map((r) => (
              <div key={r}>
                <dt className="font-medium text-zinc-900 dark:text-zinc-100">
                  {roles(r)}
                  {r === role && <span className="ml-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">{t("you")}</span>}
                </dt>
                <dd className="text-zinc-500 dark:text-zinc-400">{roleDescriptions(r)}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
