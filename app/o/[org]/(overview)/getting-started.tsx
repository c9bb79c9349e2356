import Link from "next/link";
import { Card } from "~/app/_components/ui/card";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Stat } from "~/app/_components/ui/stat";
import { ZoneClock } from "~/app/_components/org/zone-clock";
import { serverCaller } from "~/app/_trpc/server";
import { hasRole, roleDescriptions, roleLabels, roleLadder } from "~/server/tenancy/contract";
import type { MemberRole } from "~/server/tenancy/contract";
import { StepMark } from "./setup-checklist";
import { setupSteps, type SetupStep } from "./setup-steps";

type Org = { id: string; name: string; slug: string; timeZone: string; currency: string; supportEmail: string | null };

/** The overview of an organization without machines yet: its setup steps, and what roles do. */
export async function GettingStarted({ org, role }: { org: Org; role: MemberRole }) {
  const admin = hasRole(role, "admin");
  const caller = await serverCaller();
  const manager = hasRole(role, "manager");
  const [members, invitations, progress] = await Promise.all([
    caller.members.list({ orgId: org.id }),
    admin ? caller.invitations.list({ orgId: org.id }) : Promise.resolve(null),
    caller.machines.onboarding({ orgId: org.id }),
  ]);
  const pending = invitations?.filter((i) => i.status === "pending").length ?? null;
  const currencyName = new Intl.DisplayNames(["en"], { type: "currency" }).of(org.currency) ?? org.currency;
  const base = `/o/${org.slug}`;

  const setup = setupSteps(progress, base, role);
  const steps: SetupStep[] = admin
    ? [
        { key: "org", done: true, title: "Create the organization", body: `${org.name} lives at ${base}.` },
        ...setup,
        {
          key: "settings",
          done: null,
          title: "Check time zone and currency",
          body: `Days and months in reports follow ${org.timeZone}; amounts are in ${org.currency}.`,
          href: `${base}/settings`,
          action: "Review settings",
        },
      ]
    : manager
      ? [{ key: "join", done: true, title: `Join ${org.name}`, body: `You are a member as ${roleLabels[role].toLowerCase()}.` }, ...setup]
      : [
          { key: "join", done: true, title: `Join ${org.name}`, body: `You are a member as ${roleLabels[role].toLowerCase()}.` },
          {
            key: "team",
            done: null,
            title: "Meet your team",
            body: `${members.length} ${members.length === 1 ? "member" : "members"}; owners and admins manage roles and invitations.`,
            href: `${base}/members`,
            action: "See members",
          },
          {
            key: "fleet",
            done: null,
            title: "Look at the fleet",
            body: "The machines, with their status, stock and faults, once a manager registers them.",
            href: `${base}/machines`,
            action: "See machines",
          },
        ];

  return (
    <>
      <PageHeader title={org.name} description={`Overview of your organization at ${base}`} />

      <dl className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 md:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        <Stat label="Your role">
          <span className="text-zinc-900 dark:text-zinc-100">{roleLabels[role]}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{roleDescriptions[role]}</span>
        </Stat>
        <Stat label="Members">
          <span className="tabular text-zinc-900 dark:text-zinc-100">{members.length}</span>
          {pending !== null && (
            <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
              <span className="tabular">{pending}</span> pending {pending === 1 ? "invitation" : "invitations"}
            </span>
          )}
        </Stat>
        <Stat label="Time zone">
          <span className="block truncate text-zinc-900 dark:text-zinc-100">{org.timeZone}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">
            <ZoneClock timeZone={org.timeZone} />
          </span>
        </Stat>
        <Stat label="Currency">
          <span className="text-zinc-900 dark:text-zinc-100">{org.currency}</span>
          <span className="mt-0.5 block text-xs font-normal text-zinc-500 dark:text-zinc-400">{currencyName}</span>
        </Stat>
      </dl>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-3">
        <Card id="setup" title="Get started" description={admin ? "The first steps for a new organization." : "Finding your way around."} className="lg:col-span-2" bodyClassName="p-0">
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

        <Card title="Roles" description="What each role can do here.">
          <dl className="space-y-2.5 text-[13px]">
            {[...roleLadder].reverse().map((r) => (
              <div key={r}>
                <dt className="font-medium text-zinc-900 dark:text-zinc-100">
                  {roleLabels[r]}
                  {r === role && <span className="ml-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">(you)</span>}
                </dt>
                <dd className="text-zinc-500 dark:text-zinc-400">{roleDescriptions[r]}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
