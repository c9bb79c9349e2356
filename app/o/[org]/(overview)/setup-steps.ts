import type { RouterOutputs } from "~/app/_trpc/types";
import { hasRole, type MemberRole } from "~/server/tenancy/contract";

export type OnboardingProgress = RouterOutputs["machines"]["onboarding"];

export interface SetupStep {
  key: string;
  /** Done, to do, or a step that is only advice (null). */
  done: boolean | null;
  title: string;
  body: string;
  href?: string;
  action?: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The steps an operator takes before the fleet runs by itself, each done or not from the org's
 * data. Links are offered only to those whose role can take the step.
 */
export function setupSteps(progress: OnboardingProgress, base: string, role: MemberRole): SetupStep[] {
  const { done } = progress;
  const manager = hasRole(role, "manager");
  const admin = hasRole(role, "admin");
  const link = (allowed: boolean, href: string, action: string) => (allowed ? { href, action } : {});
  const toConnect = progress.nextToConnect;
  const toPlan = progress.nextToPlan;
  return [
    {
      key: "products",
      done: done.products,
      title: "Add your products",
      body: done.products
        ? `${plural(progress.products, "product", "products")} in the catalog.`
        : "What your machines sell, with prices and costs, to put into their slots.",
      ...link(manager, `${base}/products`, done.products ? "See products" : "Add products"),
    },
    {
      key: "machine",
      done: done.machine,
      title: "Register a machine",
      body: done.machine ? `${plural(progress.machines, "machine", "machines")} registered.` : "It gets an id and a secret to report its vends, stock and faults.",
      ...link(manager, done.machine ? `${base}/machines` : `${base}/machines?register=1`, done.machine ? "See machines" : "Register machine"),
    },
    {
      key: "firstEvent",
      done: done.firstEvent,
      title: "Receive a machine's first event",
      body: done.firstEvent
        ? `${plural(progress.connectedMachines, "machine has", "machines have")} reported.`
        : toConnect
          ? `Configure ${toConnect.name} with its credentials, or send a test event, and watch it arrive.`
          : "Once a machine is registered, send its first signed event.",
      ...(toConnect && !done.firstEvent ? link(manager, `${base}/machines/${toConnect.id}#access`, "Connect machine") : {}),
    },
    {
      key: "planogram",
      done: done.planogram,
      title: "Fill a planogram",
      body: done.planogram
        ? `${plural(progress.plannedMachines, "machine has its", "machines have their")} slots set.`
        : "Which product each slot holds, its capacity and par level, so stock and sales add up.",
      ...(toPlan && !done.planogram ? link(manager, `${base}/machines/${toPlan.id}#planogram`, "Set up planogram") : {}),
    },
    {
      key: "team",
      done: done.team,
      title: "Invite your team",
      body: done.team
        ? `${plural(progress.members, "member", "members")}${progress.pendingInvitations ? `, ${progress.pendingInvitations} invited` : ""}.`
        : "Add managers, technicians and viewers; each role sees what it needs.",
      ...link(admin, `${base}/members`, "Invite people"),
    },
    {
      key: "supportEmail",
      done: done.supportEmail,
      title: "Add a support e-mail",
      body: progress.supportEmail ? `Customers can reach ${progress.supportEmail} about a purchase or a refund.` : "Where your customers reach you about a purchase or a refund.",
      ...link(admin, `${base}/settings`, progress.supportEmail ? "Change" : "Add support e-mail"),
    },
  ];
}
