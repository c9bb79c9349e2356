import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "~/db/client";
import { newId, randomToken } from "~/db/ids";
import { invitations, memberships, organizations, users, type MemberRole } from "~/db/schema";
import { recipientLocale, type SessionUser } from "~/server/auth";
import { messagesFor } from "~/server/i18n/messages";
import { documentsTranslator } from "~/server/i18n/translator";
import { memberContext, type ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import type { Locale } from "../i18n/locales";
import { appUrl, sendMail, type Mail } from "../mail/mailer";
import { recordAudit } from "./audit";
import {
  INVITATION_TTL_DAYS,
  createInvitationInput,
  revokeInvitationInput,
  roleLabels,
  tenancyMessages,
  unusableInvitation,
  type InvitationStatus,
} from "./contract";
import { mayAssign } from "./members";
import { getOrganization } from "./orgs";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return "pending";
}

/**
 * Invites someone by e-mail. The link carries a random token of which only a hash is stored; it is
 * returned here once, to be shown to the inviter, and e-mailed when SMTP is configured. A new
 * invitation for the same address replaces the pending one.
 */
export async function createInvitation(ctx: ServiceCtx, raw: z.input<typeof createInvitationInput>) {
  const input = createInvitationInput.parse(raw);
  if (!mayAssign(ctx, input.role)) {
    throw new ServiceError("FORBIDDEN", tenancyMessages.only_owner_invites_owner, {}, { field: "role" });
  }
  const [existing] = await ctx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, ctx.orgId), eq(sql`lower(${users.email})`, input.email)))
    .limit(1);
  if (existing) throw new ServiceError("CONFLICT", tenancyMessages.already_member, {}, { field: "email" });
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
  // In the invitee's language when they already have an account that chose one, else English.
  const locale = await recipientLocale(ctx.db, input.email);
  const emailed = await sendMail(invitationMail({ to: input.email, inviter: ctx.actor.label, orgName: org.name, role: input.role, url: `${appUrl()}${path}`, locale }));
  return { invitation: { ...invitation!, status: statusOf(invitation!) }, token, path, emailed };
}

/** The e-mail that invites someone to an org, in their language. */
export function invitationMail(i: { to: string; inviter: string | null | undefined; orgName: string; role: MemberRole; url: string; locale: Locale }): Mail {
  const t = documentsTranslator(i.locale);
  const inviter = i.inviter ?? t("mail.invitation.colleague");
  const role = i.locale === "en" ? roleLabels[i.role] : messagesFor(i.locale).common.roles[i.role];
  return {
    to: i.to,
    subject: t("mail.invitation.subject", { inviter, org: i.orgName }),
    text: [t("mail.invitation.body", { inviter, org: i.orgName, role }), "", t("mail.accept", { url: i.url }), "", t("mail.expires", { days: INVITATION_TTL_DAYS })].join("\n"),
  };
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

/**
 * Accepts an invitation for the signed-in user: single use, enforced by the conditional update
 * (two concurrent accepts cannot both succeed), and only for the address it was sent to.
 */
export async function acceptInvitation(db: Db, input: { user: SessionUser; token: string }) {
  const { user, token } = input;
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
      if (preview.status !== "pending") throw new ServiceError("CONFLICT", unusableInvitation[preview.status]);
      throw new ServiceError("FORBIDDEN", tenancyMessages.invitation_for_other_address, { email: preview.email });
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
    const member = memberContext(tx, { orgId: inv.orgId, role: current?.role ?? inv.role, userId: user.id, name: user.name });
    await recordAudit(member, {
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: inv.id,
      data: { email: user.email, role: inv.role, alreadyMember: !membership },
    });
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, inv.orgId));
    return { orgSlug: org!.slug, role: current?.role ?? inv.role };
  });
}
