import { createHash } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client";
import { newId, randomToken } from "~/db/ids";
import { auditLog, invitations, memberships, organizations, users } from "~/db/schema";
import { emailSchema, type SessionUser } from "~/server/auth";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import { appUrl, sendMail } from "../mail/mailer";
import { actorColumns, recordAudit } from "./audit";
import { getOrganization } from "./orgs";
import { mayAssign, roleSchema } from "./members";
import { roleLabels } from "./contract";

export const INVITATION_TTL_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return "pending";
}

export const createInvitationInput = z.object({ email: emailSchema, role: roleSchema });

/**
 * Invites someone by e-mail. The link carries a random token of which only a hash is stored; it is
 * returned here once, to be shown to the inviter, and e-mailed when SMTP is configured. A new
 * invitation for the same address replaces the pending one.
 */
export async function createInvitation(ctx: ServiceCtx, raw: z.input<typeof createInvitationInput>) {
  const input = createInvitationInput.parse(raw);
  if (!mayAssign(ctx, input.role)) {
    throw new ServiceError("FORBIDDEN", "Only an owner can invite another owner.", {
      fieldErrors: { role: ["Only an owner can invite another owner."] },
    });
  }
  const [existing] = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(sql`lower(${users.email})`, input.email)))
    .limit(1);
  if (existing) {
    const message = "This person is already a member of the organization.";
    throw new ServiceError("CONFLICT", message, { fieldErrors: { email: [message] } });
  }
  const replaced = await ctx.db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.orgId, ctx.orgId), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  for (const old of replaced) {
    await recordAudit(ctx, { action: "invitation.revoked", targetType: "invitation", targetId: old.id, data: { email: input.email, reason: "replaced" } });
  }

  const token = randomToken(32);
  const [invitation] = await ctx.db
    .insert(invitations)
    .values({
      id: newId("inv"),
      orgId: ctx.orgId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor.type === "user" ? ctx.actor.id : null,
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
    })
    .returning();
  await recordAudit(ctx, {
    action: "invitation.created",
    targetType: "invitation",
    targetId: invitation!.id,
    data: { email: input.email, role: input.role },
  });

  const path = `/invite/${token}`;
  const org = await getOrganization(ctx);
  const inviter = ctx.actor.label ?? "A colleague";
  const emailed = await sendMail({
    to: input.email,
    subject: `${inviter} invited you to ${org.name} on VendOps`,
    text: [
      `${inviter} invited you to join ${org.name} on VendOps as ${roleLabels[input.role]}.`,
      "",
      `Accept the invitation: ${appUrl()}${path}`,
      "",
      `The link works once and expires in ${INVITATION_TTL_DAYS} days.`,
    ].join("\n"),
  });
  return { invitation: { ...invitation!, status: statusOf(invitation!) }, token, path, emailed };
}

export async function listInvitations(ctx: ServiceCtx) {
  const rows = await ctx.db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.orgId, ctx.orgId), gt(invitations.createdAt, sql`now() - interval '30 days'`)))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, status: statusOf(r) }));
}

export const revokeInvitationInput = z.object({ invitationId: z.string().min(1).max(64) });

export async function revokeInvitation(ctx: ServiceCtx, raw: z.input<typeof revokeInvitationInput>) {
  const { invitationId } = revokeInvitationInput.parse(raw);
  const [inv] = await ctx.db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, ctx.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  if (!inv) throw notFound("Pending invitation");
  await recordAudit(ctx, { action: "invitation.revoked", targetType: "invitation", targetId: inv.id, data: { email: inv.email } });
  return { id: inv.id };
}

// The invitee is not a member yet, so looking up and accepting a token runs on the owner
// connection, keyed by the token's hash.

/** What the invitation page shows before accepting, or null for an unknown token. */
export async function previewInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ inv: invitations, orgName: organizations.name, orgSlug: organizations.slug })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  return { orgName: row.orgName, orgSlug: row.orgSlug, email: row.inv.email, role: row.inv.role, status: statusOf(row.inv) };
}

const unusable: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation has already been used. Ask for a new one if you still need access.",
  revoked: "This invitation was withdrawn. Ask the person who invited you for a new one.",
  expired: "This invitation has expired. Ask the person who invited you for a new one.",
};

/**
 * Accepts an invitation for the signed-in user: single use, enforced by the conditional update
 * (two concurrent accepts cannot both succeed), and only for the address it was sent to.
 */
export async function acceptInvitation(db: Db, user: SessionUser, token: string) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()`, acceptedBy: user.id })
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
          eq(invitations.email, user.email.toLowerCase()),
        ),
      )
      .returning();
    if (!inv) {
      const preview = await previewInvitation(tx, token);
      if (!preview) throw notFound("Invitation");
      if (preview.status !== "pending") throw new ServiceError("CONFLICT", unusable[preview.status]);
      throw new ServiceError(
        "FORBIDDEN",
        `This invitation was sent to ${preview.email}. Sign in with that address to accept it.`,
      );
    }
    const [membership] = await tx
      .insert(memberships)
      .values({ orgId: inv.orgId, userId: user.id, role: inv.role })
      .onConflictDoNothing()
      .returning();
    // Someone who was already a member keeps the role they had.
    const [current] = membership
      ? [membership]
      : await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, inv.orgId), eq(memberships.userId, user.id)));
    await tx.insert(auditLog).values({
      id: newId("aud"),
      orgId: inv.orgId,
      ...actorColumns({ type: "user", id: user.id, label: user.name }),
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: inv.id,
      data: { email: user.email, role: inv.role, alreadyMember: !membership },
    });
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, inv.orgId));
    return { orgSlug: org!.slug, role: current?.role ?? inv.role };
  });
}
