import { Check, Circle } from "lucide-react";
import Link from "next/link";
import { Card } from "~/app/_components/ui/card";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Stat } from "~/app/_components/ui/stat";
import { ZoneClock } from "~/app/_components/org/zone-clock";
import { serverCaller } from "~/app/_trpc/server";
import { hasRole, roleDescriptions, roleLabels, roleLadder } from "~/server/tenancy/contract";
import type { MemberRole } from "~/server/tenancy/contract";

type Org = { id: string; name: string; slug: string; timeZone: string; currency: string; supportEmail: string | null };

/** The overview of an organization without machines yet: its first steps, and what roles do. */
export async function GettingStarted({ org, role }: { org: Org; role: MemberRole }) {
  const admin = hasRole(role, "admin");
  const caller = await serverCaller();
  const manager = hasRole(role, "manager");
  const [members, invitations, machines, products] = await Promise.all([
    caller.members.list({ orgId: org.id }),
    admin ? caller.invitations.list({ orgId: org.id }) : Promise.resolve(null),
    caller.machines.list({ orgId: org.id }),
    caller.products.list({ orgId: org.id }),
  ]);
  const pending = invitations?.filter((i) => i.status === "pending").length ?? null;
  const currencyName = new Intl.DisplayNames(["en"], { type: "currency" }).of(org.currency) ?? org.currency;
  const base = `/o/${org.slug}`;

  type Step = { done: boolean | null; title: string; body: string; href?: string; action?: string };
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const fleetSteps: Step[] = manager
    ? [
        {
          done: products.length > 0,
          title: "Add your products",
          body:
            products.length > 0
              ? `${plural(products.length, "product", "products")} in the catalog.`
              : "What your machines sell, with prices and costs, to put into their slots.",
          href: `${base}/products`,
          action: products.length > 0 ? "See products" : "Add products",
        },
        {
          done: machines.length > 0,
          title: "Register a machine",
          body:
            machines.length > 0
              ? `${plural(machines.length, "machine", "machines")} registered.`
              : "It gets an id and a secret to report its vends, stock and faults.",
          href: machines.length > 0 ? `${base}/machines` : `${base}/machines?register=1`,
          action: machines.length > 0 ? "See machines" : "Register machine",
        },
      ]
    : [
        {
          done: null,
          title: "Look at the fleet",
          body: `${plural(machines.length, "machine", "machines")}, with their status, stock and faults.`,
          href: `${base}/machines`,
          action: "See machines",
        },
      ];

  const steps: Step[] = admin
    ? [
        { done: true, title: "Create the organization", body: `${org.name} lives at ${base}.` },
        {
          done: members.length > 1,
          title: "Invite your team",
          body:
            members.length > 1
              ? `${members.length} members so far${pending ? `, ${pending} invited` : ""}.`
              : "Add managers, technicians and viewers; each role sees what it needs.",
          href: `${base}/members`,
          action: "Invite people",
        },
        ...fleetSteps,
        {
          done: null,
          title: "Check time zone and currency",
          body: `Days and months in reports follow ${org.timeZone}; amounts are in ${org.currency}.`,
          href: `${base}/settings`,
          action: "Review settings",
        },
        {
          done: Boolean(org.supportEmail),
          title: "Add a support e-mail",
          body: org.supportEmail ? `Customers can reach ${org.supportEmail}.` : "Where your customers can reach you about a purchase.",
          href: `${base}/settings`,
          action: org.supportEmail ? "Change" : "Add support e-mail",
        },
      ]
    : [
        { done: true, title: `Join ${org.name}`, body: `You are a member as ${roleLabels[role].toLowerCase()}.` },
        {
          done: null,
          title: "Meet your team",
          body: `${members.length} ${members.length === 1 ? "member" : "members"}; owners and admins manage roles and invitations.`,
          href: `${base}/members`,
          action: "See members",
        },
        ...fleetSteps,
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
        <Card title="Get started" description={admin ? "The first steps for a new organization." : "Finding your way around."} className="lg:col-span-2" bodyClassName="p-0">
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {steps.map((step) => (
              <li key={step.title} className="flex items-start gap-3 px-4 py-3">
                {step.done ? (
                  <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-white">
                    <Check aria-hidden className="size-3.5" strokeWidth={3} />
                    <span className="sr-only">Done:</span>
                  </span>
                ) : (
                  <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center text-zinc-300 dark:text-zinc-600">
                    <Circle aria-hidden className="size-5" />
                    <span className="sr-only">{step.done === false ? "To do:" : "Step:"}</span>
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{step.title}</p>
                  <p className="text-[13px] text-zinc-500 dark:text-zinc-400">{step.body}</p>
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
