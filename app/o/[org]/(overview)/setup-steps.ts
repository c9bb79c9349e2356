import { getTranslations } from "next-intl/server";
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

/**
 * The steps an operator takes before the fleet runs by itself, each done or not from the org's
 * data, in the request's language. Links are offered only to those whose role can take the step.
 */
export async function setupSteps(progress: OnboardingProgress, base: string, role: MemberRole): Promise<SetupStep[]> {
  const t = await getTranslations("overview.setup");
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
      title: t("products.title"),
      body: done.products ? t("products.bodyDone", { count: progress.products }) : t("products.bodyTodo"),
      ...link(manager, `${base}/products`, done.products ? t("products.actionDone") : t("products.actionTodo")),
    },
    {
      key: "machine",
      done: done.machine,
      title: t("machine.title"),
      body: done.machine ? t("machine.bodyDone", { count: progress.machines }) : t("machine.bodyTodo"),
      ...link(manager, done.machine ? `${base}/machines` : `${base}/machines?register=1`, done.machine ? t("machine.actionDone") : t("machine.actionTodo")),
    },
    {
      key: "firstEvent",
      done: done.firstEvent,
      title: t("firstEvent.title"),
      body: done.firstEvent
        ? t("firstEvent.bodyDone", { count: progress.connectedMachines })
        : toConnect
          ? t("firstEvent.bodyConnect", { name: toConnect.name })
          : t("firstEvent.bodyTodo"),
      ...(toConnect && !done.firstEvent ? link(manager, `${base}/machines/${toConnect.id}#access`, t("firstEvent.action")) : {}),
    },
    {
      key: "planogram",
      done: done.planogram,
      title: t("planogram.title"),
      body: done.planogram ? t("planogram.bodyDone", { count: progress.plannedMachines }) : t("planogram.bodyTodo"),
      ...(toPlan && !done.planogram ? link(manager, `${base}/machines/${toPlan.id}#planogram`, t("planogram.action")) : {}),
    },
    {
      key: "team",
      done: done.team,
      title: t("team.title"),
      body: done.team
        ? progress.pendingInvitations
          ? t("team.bodyDoneInvited", { count: progress.members, invited: progress.pendingInvitations })
          : t("team.bodyDone", { count: progress.members })
        : t("team.bodyTodo"),
      ...link(admin, `${base}/members`, t("team.action")),
    },
    {
      key: "supportEmail",
      done: done.supportEmail,
      title: t("supportEmail.title"),
      body: progress.supportEmail ? t("supportEmail.bodyDone", { email: progress.supportEmail }) : t("supportEmail.bodyTodo"),
      ...link(admin, `${base}/settings`, progress.supportEmail ? t("supportEmail.actionChange") : t("supportEmail.actionAdd")),
    },
  ];
}
