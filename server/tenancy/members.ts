import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { memberships, users, type MemberRole } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { recordAudit } from "./audit";
import { changeRoleInput, hasRole, removeMemberInput, tenancyMessages } from "./contract";

export async function listMembers(ctx: ServiceCtx) {
  return ctx.db
    .select({
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, ctx.orgId))
    .orderBy(asc(users.name));
}

/**
 * Locks the org's owner rows and returns their ids. Taken before any change that could remove an
 * owner, so two concurrent changes cannot together leave the org without one.
 */
async function lockOwners(ctx: ServiceCtx): Promise<string[]> {
  const rows = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.role, "owner")))
    .for("update");
  return rows.map((r) => r.userId);
}

async function findMember(ctx: ServiceCtx, userId: string) {
  const [member] = await ctx.db
    .select({ userId: memberships.userId, role: memberships.role, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, userId)))
    .limit(1);
  if (!member) throw notFound("Member");
  return member;
}

const lastOwner = () => new ServiceError("CONFLICT", tenancyMessages.last_owner);

/** Only owners may grant, change or remove the owner role. */
function assertMayManage(ctx: ServiceCtx, targetRole: MemberRole, newRole?: MemberRole) {
  if ((targetRole === "owner" || newRole === "owner") && ctx.role !== "owner") {
    throw new ServiceError("FORBIDDEN", tenancyMessages.only_owner_manages_owners);
  }
}

export async function changeMemberRole(ctx: ServiceCtx, raw: z.input<typeof changeRoleInput>) {
  const input = changeRoleInput.parse(raw);
  const owners = await lockOwners(ctx);
  const member = await findMember(ctx, input.userId);
  assertMayManage(ctx, member.role, input.role);
  if (member.role === input.role) return { ...member, role: input.role };
  if (member.role === "owner" && owners.length <= 1) throw lastOwner();
  await ctx.db
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)));
  await recordAudit(ctx, {
    action: "member.role_changed",
    targetType: "user",
    targetId: member.userId,
    data: { email: member.email, from: member.role, to: input.role },
  });
  return { ...member, role: input.role };
}

export async function removeMember(ctx: ServiceCtx, raw: z.input<typeof removeMemberInput>) {
  const input = removeMemberInput.parse(raw);
  const owners = await lockOwners(ctx);
  const member = await findMember(ctx, input.userId);
  assertMayManage(ctx, member.role);
  if (member.role === "owner" && owners.length <= 1) throw lastOwner();
  await ctx.db.delete(memberships).where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, input.userId)));
  await recordAudit(ctx, {
    action: "member.removed",
    targetType: "user",
    targetId: member.userId,
    data: { email: member.email, role: member.role },
  });
  return { userId: member.userId };
}

/** The acting user leaves the organization, unless they are its last owner. */
export async function leaveOrganization(ctx: ServiceCtx) {
  if (ctx.actor.type !== "user") throw new ServiceError("FORBIDDEN", tenancyMessages.only_member_leaves);
  const owners = await lockOwners(ctx);
  const me = await findMember(ctx, ctx.actor.id);
  if (me.role === "owner" && owners.length <= 1) throw lastOwner();
  await ctx.db.delete(memberships).where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, me.userId)));
  await recordAudit(ctx, { action: "member.left", targetType: "user", targetId: me.userId, data: { email: me.email, role: me.role } });
  return { left: true as const };
}

/** Whether the acting member may invite or assign `role` (admins cannot create owners). */
export function mayAssign(ctx: ServiceCtx, role: MemberRole): boolean {
  return role === "owner" ? ctx.role === "owner" : ctx.role !== null && hasRole(ctx.role, "admin");
}

/** How many members the org has; a cheap figure for the overview. */
export async function countMembers(ctx: ServiceCtx): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.orgId, ctx.orgId));
  return Number(row?.n ?? 0);
}
