import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import { invitations, machines, memberships, organizations, products, slots } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { onboardingSteps, type OnboardingStep } from "./contract";

/** Where an organization stands in setting itself up: what each step counts, read from its data. */
export interface OnboardingProgress {
  products: number;
  machines: number;
  /** Machines that have reported at least once. */
  connectedMachines: number;
  /** Machines with at least one slot holding a product. */
  plannedMachines: number;
  members: number;
  pendingInvitations: number;
  supportEmail: string | null;
  /** A machine still waiting for its first event, to connect next (the oldest one). */
  nextToConnect: { id: string; name: string } | null;
  /** A machine without a planogram, to fill next (the oldest one). */
  nextToPlan: { id: string; name: string } | null;
  done: Record<OnboardingStep, boolean>;
  /** Every step is done: the overview stops listing them. */
  complete: boolean;
}

type Row = {
  products: number;
  machines: number;
  connected: number;
  planned: number;
  members: number;
  pending: number;
  support_email: string | null;
  to_connect: { id: string; name: string } | null;
  to_plan: { id: string; name: string } | null;
};

/** The organization's setup, one step per thing an operator needs before the fleet runs by itself. */
export async function onboardingProgress(ctx: ServiceCtx): Promise<OnboardingProgress> {
  const org = ctx.orgId;
  const planned = sql`exists (select 1 from ${slots} where ${slots.orgId} = ${org} and ${slots.machineId} = ${machines.id} and ${slots.productId} is not null)`;
  const [row] = await queryRows<Row>(
    ctx.db,
    sql`select
      (select count(*)::int from ${products} where ${products.orgId} = ${org}) as products,
      (select count(*)::int from ${machines} where ${machines.orgId} = ${org}) as machines,
      (select count(*)::int from ${machines} where ${machines.orgId} = ${org} and ${machines.lastSeenAt} is not null) as connected,
      (select count(*)::int from ${machines} where ${machines.orgId} = ${org} and ${planned}) as planned,
      (select count(*)::int from ${memberships} where ${memberships.orgId} = ${org}) as members,
      (select count(*)::int from ${invitations} where ${invitations.orgId} = ${org} and ${invitations.acceptedAt} is null
        and ${invitations.revokedAt} is null and ${invitations.expiresAt} > now()) as pending,
      (select ${organizations.supportEmail} from ${organizations} where ${organizations.id} = ${org}) as support_email,
      (select json_build_object('id', ${machines.id}, 'name', ${machines.name}) from ${machines}
        where ${machines.orgId} = ${org} and ${machines.lastSeenAt} is null and ${machines.disabledAt} is null
        order by ${machines.createdAt}, ${machines.id} limit 1) as to_connect,
      (select json_build_object('id', ${machines.id}, 'name', ${machines.name}) from ${machines}
        where ${machines.orgId} = ${org} and not ${planned} order by ${machines.createdAt}, ${machines.id} limit 1) as to_plan`,
  );
  const r = row!;
  const done: Record<OnboardingStep, boolean> = {
    products: r.products > 0,
    machine: r.machines > 0,
    firstEvent: r.connected > 0,
    planogram: r.planned > 0,
    // Someone invited counts: the step is the owner's to do, the acceptance is the invitee's.
    team: r.members > 1 || r.pending > 0,
    supportEmail: Boolean(r.support_email),
  };
  return {
    products: r.products,
    machines: r.machines,
    connectedMachines: r.connected,
    plannedMachines: r.planned,
    members: r.members,
    pendingInvitations: r.pending,
    supportEmail: r.support_email,
    nextToConnect: r.to_connect,
    nextToPlan: r.to_plan,
    done,
    complete: onboardingSteps.every((step) => done[step]),
  };
}
