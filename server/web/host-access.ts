import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "~/db/open";
import { withHost } from "~/db/tenant";
import { hostContext } from "~/server/context";
import { ServiceError, type ServiceErrorKind } from "~/server/errors";
import { hostStatementFile, resolveHostAccess } from "~/server/hosts";
import { localeFromAcceptLanguage } from "~/server/i18n/negotiate";
import { findUnsafeText } from "~/server/input/text";
import type { RequestSession } from "./org-download";
import { currentUser } from "./session";

const hostAccess = cache(async (slugOrId: string) => {
  const user = await currentUser();
  if (!user) return { user: null, access: null };
  return { user, access: await resolveHostAccess(await getDb(), { userId: user.id, orgIdOrSlug: slugOrId }) };
});

/**
 * The host behind this request, for the host portal's pages. Signed out: off to sign in, then back
 * to `path`. Not a host of a place of this org (or no such org): 404, the same answer either way.
 */
export async function requireHost(slugOrId: string, path = `/h/${slugOrId}`) {
  const { user, access } = await hostAccess(slugOrId);
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: path })}`);
  if (!access) notFound();
  return { user, org: access.org, locationIds: access.locationIds };
}

const liveSession: RequestSession = { db: getDb, user: currentUser };
const statusOf: Record<ServiceErrorKind, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};
const refuse = (status: number, error: string) => Response.json({ error }, { status });

/**
 * The route handler of a host's statement file (`GET /h/{org}/statements/{id}/pdf`): the session
 * (401), the text in the URL (400), the host's access to the org (404 either way), then the file,
 * inside the host's transaction, where the database confines it to their locations.
 */
export function hostStatementDownload(format: "pdf" | "csv") {
  return async function GET(
    request: Request,
    context: { params: Promise<{ org: string; statementId: string }> },
    session: RequestSession = liveSession,
  ): Promise<Response> {
    const { org, statementId } = await context.params;
    const user = await session.user();
    if (!user) return refuse(401, "Sign in to download this file.");
    const unsafe = findUnsafeText({ org, statementId });
    if (unsafe || statementId.length > 64) return refuse(400, unsafe?.message ?? "Check the link.");
    const db = await session.db();
    const access = await resolveHostAccess(db, { userId: user.id, orgIdOrSlug: org });
    if (!access) return refuse(404, "Not found.");
    // In the host's language: their profile's choice, else their browser's.
    const locale = user.locale ?? localeFromAcceptLanguage(request.headers.get("accept-language"));
    try {
      const file = await withHost(db, { orgId: access.org.id, userId: user.id, locationIds: access.locationIds }, (tx) =>
        hostStatementFile(hostContext(tx, { orgId: access.org.id, userId: user.id, name: user.name, locationIds: access.locationIds }), { statementId, format, locale }),
      );
      return new Response(file.body, {
        headers: {
          "content-type": file.type,
          "content-disposition": `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"`,
          "cache-control": "no-store",
        },
      });
    } catch (error) {
      if (error instanceof ServiceError) return refuse(statusOf[error.kind], error.message);
      throw error;
    }
  };
}
