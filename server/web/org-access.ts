import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "~/db/open";
import { resolveMembership } from "~/server/tenancy";
import { currentUser } from "./session";

/** Where signing in starts, and where it comes back to afterwards. */
const signInPath = (path: string) => `/sign-in?${new URLSearchParams({ callbackUrl: path })}`;

/** The signed-in user, or off to sign in and back to `path`. */
export async function requireUser(path: string) {
  const user = await currentUser();
  if (!user) redirect(signInPath(path));
  return user;
}

/** The signed-in user and their membership in the org named in the URL; cached per request. */
const orgAccess = cache(async (slugOrId: string) => {
  const user = await currentUser();
  if (!user) return { user: null, membership: null };
  return { user, membership: await resolveMembership(await getDb(), { userId: user.id, orgIdOrSlug: slugOrId }) };
});

/**
 * The member behind this request. Signed out: off to sign in, then back to `path`. Not a member
 * (or no such org): 404, the same answer either way, so an org's existence does not leak.
 */
export async function requireMember(slugOrId: string, path = `/o/${slugOrId}`) {
  const { user, membership } = await orgAccess(slugOrId);
  if (!user) redirect(signInPath(path));
  if (!membership) notFound();
  return { user, org: membership.org, role: membership.role };
}
