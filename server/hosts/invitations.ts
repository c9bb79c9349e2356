import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "~/db/client";
import { newId, randomToken } from "~/db/ids";
import { hostInvitations, hostMembers, locations, organizations, users } from "~/db/schema";
import { recipientLocale, type SessionUser } from "~/server/auth";
import { documentsTranslator } from "~/server/i18n/translator";
import { hostActingContext, hostContext, type ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import type { Locale } from "../i18n/locales";
import { appUrl, sendMail, type Mail } from "../mail/mailer";
import { getOrganization, recordAudit } from "~/server/tenancy";
import {
  HOST_INVITATION_TTL_DAYS,
  hostPortalMessages,
  inviteHostsInput,
  locationHostsInput,
  removeHostInput,
  revokeHostInvitationInput,
  type HostInvitationStatus,
} from "./portal-inputs";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): HostInvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return "pending";
}

const unusable = {
  accepted: hostPortalMessages.host_invitation_accepted,
  revoked: hostPortalMessages.host_invitation_revoked,
  expired: hostPortalMessages.host_invitation_expired,
} as const;

/**
 * Invites a host to one or more locations by e-mail. The link carries a random token of which only
 * a hash is kept; it is returned once, for the inviter to pass on, and e-mailed when SMTP is set up.
 * A new invitation for the same address replaces the pending one.
 */
export async function inviteHosts(ctx: ServiceCtx, raw: z.input<typeof inviteHostsInput>) {
  const input = inviteHostsInput.parse(raw);
  const locationIds = [...new Set(input.locationIds)];
  const places = await ctx.db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(and(eq(locations.orgId, ctx.orgId), inArray(locations.id, locationIds)))
    .orderBy(asc(locations.name));
  if (places.length !== locationIds.length) {
    throw new ServiceError("NOT_FOUND", hostPortalMessages.invite_unknown_location, {}, { field: "locationIds" });
  }
  const replaced = await ctx.db
    .update(hostInvitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(hostInvitations.orgId, ctx.orgId), eq(hostInvitations.email, input.email), isNull(hostInvitations.acceptedAt), isNull(hostInvitations.revokedAt)))
    .returning({ id: hostInvitations.id });
  for (const old of replaced) {
    await recordAudit(ctx, { action: "host_invitation.revoked", targetType: "host_invitation", targetId: old.id, data: { email: input.email, reason: "replaced" } });
  }

  const token = randomToken(32);
  const [invitation] = await ctx.db
    .insert(hostInvitations)
    .values({
      id: newId("hin"),
      orgId: ctx.orgId,
      email: input.email,
      locationIds,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor.type === "user" ? ctx.actor.id : null,
      expiresAt: sql`now() + make_interval(days => ${HOST_INVITATION_TTL_DAYS})`,
    })
    .returning();
  await recordAudit(ctx, {
    action: "host_invitation.created",
    targetType: "host_invitation",
    targetId: invitation!.id,
    data: { email: input.email, locationIds },
  });

  const path = `/host-invite/${token}`;
  const org = await getOrganization(ctx);
  // In the host's language when they already have an account that chose one, else English.
  const locale = await recipientLocale(ctx.db, input.email);
  const emailed = await sendMail(hostInvitationMail({ to: input.email, inviter: ctx.actor.label, orgName: org.name, places: places.map((p) => p.name), url: `${appUrl()}${path}`, locale }));
  return { invitation: { id: invitation!.id, email: invitation!.email, locationIds, expiresAt: invitation!.expiresAt, status: statusOf(invitation!) }, token, path, emailed };
}

/** The e-mail that invites a host to the portal for their places, in their language. */
export function hostInvitationMail(i: { to: string; inviter: string | null | undefined; orgName: string; places: string[]; url: string; locale: Locale }): Mail {
  const t = documentsTranslator(i.locale);
  const inviter = i.inviter ?? t("mail.hostInvitation.operator");
  return {
    to: i.to,
    subject: t("mail.hostInvitation.subject", { org: i.orgName }),
    text: [
      t("mail.hostInvitation.body", { inviter, org: i.orgName, places: i.places.join(t("mail.hostInvitation.placeSeparator")) }),
      t("mail.hostInvitation.about"),
      "",
      t("mail.accept", { url: i.url }),
      "",
      t("mail.expires", { days: HOST_INVITATION_TTL_DAYS }),
    ].join("\n"),
  };
}

/** A location's hosts and the invitations that name it (pending, and those of the last 30 days). */
export async function listLocationHosts(ctx: ServiceCtx, raw: z.input<typeof locationHostsInput>) {
  const { locationId } = locationHostsInput.parse(raw);
  const [place] = await ctx.db.select({ id: locations.id }).from(locations).where(and(eq(locations.orgId, ctx.orgId), eq(locations.id, locationId)));
  if (!place) throw notFound("Location");
  const hosts = await ctx.db
    .select({ userId: hostMembers.userId, name: users.name, email: users.email, since: hostMembers.createdAt })
    .from(hostMembers)
    .innerJoin(users, eq(users.id, hostMembers.userId))
    .where(and(eq(hostMembers.orgId, ctx.orgId), eq(hostMembers.locationId, locationId)))
    .orderBy(asc(users.name));
  const invitations = await ctx.db
    .select({
      id: hostInvitations.id,
      email: hostInvitations.email,
      locationIds: hostInvitations.locationIds,
      createdAt: hostInvitations.createdAt,
      expiresAt: hostInvitations.expiresAt,
      acceptedAt: hostInvitations.acceptedAt,
      revokedAt: hostInvitations.revokedAt,
    })
    .from(hostInvitations)
    .where(
      and(
        eq(hostInvitations.orgId, ctx.orgId),
        sql`${locationId} = any(${hostInvitations.locationIds})`,
        gt(hostInvitations.createdAt, sql`now() - interval '30 days'`),
      ),
    )
    .orderBy(desc(hostInvitations.createdAt))
    .limit(100);
  return { hosts, invitations: invitations.map((inv) => ({ ...inv, status: statusOf(inv) })) };
}

export async function revokeHostInvitation(ctx: ServiceCtx, raw: z.input<typeof revokeHostInvitationInput>) {
  const { invitationId } = revokeHostInvitationInput.parse(raw);
  const [inv] = await ctx.db
    .update(hostInvitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(hostInvitations.id, invitationId), eq(hostInvitations.orgId, ctx.orgId), isNull(hostInvitations.acceptedAt), isNull(hostInvitations.revokedAt)))
    .returning();
  if (!inv) throw notFound("Pending invitation");
  await recordAudit(ctx, { action: "host_invitation.revoked", targetType: "host_invitation", targetId: inv.id, data: { email: inv.email } });
  return { id: inv.id };
}

/** Takes a host's access to one location away; their other places stay. */
export async function removeHost(ctx: ServiceCtx, raw: z.input<typeof removeHostInput>) {
  const { locationId, userId } = removeHostInput.parse(raw);
  const [gone] = await ctx.db
    .delete(hostMembers)
    .where(and(eq(hostMembers.orgId, ctx.orgId), eq(hostMembers.locationId, locationId), eq(hostMembers.userId, userId)))
    .returning();
  if (!gone) throw notFound("Host");
  await recordAudit(ctx, { action: "host.removed", targetType: "user", targetId: userId, data: { locationId } });
  return { locationId, userId };
}

// The invitee is no one's member or host yet, so looking up and accepting a token runs on the owner
// connection, keyed by the token's hash.

/** What the invitation page shows before accepting, or null for an unknown token. */
export async function previewHostInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ inv: hostInvitations, orgName: organizations.name, orgSlug: organizations.slug })
    .from(hostInvitations)
    .innerJoin(organizations, eq(organizations.id, hostInvitations.orgId))
    .where(eq(hostInvitations.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const places = await db
    .select({ id: locations.id, name: locations.name })
    .from(locations)
    .where(and(eq(locations.orgId, row.inv.orgId), inArray(locations.id, row.inv.locationIds)))
    .orderBy(asc(locations.name));
  return { orgName: row.orgName, orgSlug: row.orgSlug, email: row.inv.email, locations: places.map((p) => p.name), status: statusOf(row.inv) };
}

/**
 * Accepts a host invitation for the signed-in user: single use (the conditional update), only for
 * the address it was sent to, and for the invitation's locations that still exist.
 */
export async function acceptHostInvitation(db: Db, input: { user: SessionUser; token: string }) {
  const { user, token } = input;
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .update(hostInvitations)
      .set({ acceptedAt: sql`now()`, acceptedBy: user.id })
      .where(
        and(
          eq(hostInvitations.tokenHash, hashToken(token)),
          isNull(hostInvitations.acceptedAt),
          isNull(hostInvitations.revokedAt),
          gt(hostInvitations.expiresAt, sql`now()`),
          eq(hostInvitations.email, user.email.toLowerCase()),
        ),
      )
      .returning();
    if (!inv) {
      const preview = await previewHostInvitation(tx, token);
      if (!preview) throw notFound("Invitation");
      if (preview.status !== "pending") throw new ServiceError("CONFLICT", unusable[preview.status]);
      throw new ServiceError("FORBIDDEN", hostPortalMessages.host_invitation_other_address, { email: preview.email });
    }
    const places = await tx
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.orgId, inv.orgId), inArray(locations.id, inv.locationIds)));
    if (places.length === 0) throw new ServiceError("CONFLICT", hostPortalMessages.host_invitation_no_location);
    await tx
      .insert(hostMembers)
      .values(places.map((p) => ({ orgId: inv.orgId, locationId: p.id, userId: user.id, invitedBy: inv.invitedBy })))
      .onConflictDoNothing();
    const host = hostContext(tx, { orgId: inv.orgId, userId: user.id, name: user.name, locationIds: places.map((p) => p.id) });
    const audit = hostActingContext(tx, host);
    await recordAudit(audit, {
      action: "host_invitation.accepted",
      targetType: "host_invitation",
      targetId: inv.id,
      data: { email: user.email, locationIds: places.map((p) => p.id) },
    });
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, inv.orgId));
    return { orgSlug: org!.slug, locationIds: places.map((p) => p.id) };
  });
}
