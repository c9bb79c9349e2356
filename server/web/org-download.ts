import "server-only";
import { ZodError, type z } from "zod";
import type { Db } from "~/db/client";
import { getDb } from "~/db/open";
import type { MemberRole, Organization } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import type { SessionUser } from "~/server/auth";
import type { Locale } from "~/server/i18n/locales";
import { localeFromAcceptLanguage } from "~/server/i18n/negotiate";
import { hasRole, resolveMembership } from "~/server/tenancy";
import { memberContext, type ServiceCtx } from "../context";
import { ServiceError, type ServiceErrorKind } from "../errors";
import { dataExceptionCode } from "../input/data-exception";
import { findUnsafeText } from "../input/text";
import { currentUser } from "./session";

/** A file a member downloads. A streamed body is read inside the org's transaction, to its end. */
export interface DownloadFile {
  name: string;
  type: string;
  body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
}

/** Where a request's database and signed-in user come from; tests pass their own. */
export interface RequestSession {
  db: () => Promise<Db>;
  user: () => Promise<SessionUser | null>;
}

const liveSession: RequestSession = { db: getDb, user: currentUser };

export interface OrgDownload<Params extends { org: string }, Input> {
  /** The least role that may download the file. */
  least: MemberRole;
  /** What the file depends on, read from the path and query: checked for unsafe text, then parsed by `input`. */
  read: (url: URL, params: Params) => Record<string, string | undefined>;
  input: z.ZodType<Input>;
  /**
   * The file, built as the member in their language (their profile's choice, else the browser's);
   * null when there is nothing to download, answered 404 with `none`.
   */
  file: (ctx: ServiceCtx, request: { org: Organization; input: Input; locale: Locale }) => Promise<DownloadFile | null>;
  /** What a 404 says when there is nothing to download, in the reader's language when a function. */
  none?: string | ((locale: Locale) => string);
}

const statusOf: Record<ServiceErrorKind, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

const refuse = (status: number, error: string) => Response.json({ error }, { status });

/** The first problem of a parse, named by its field, as the person who wrote the link can fix it. */
function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Check the values in the link.";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * The route handler of a file an org's member downloads (`GET /o/{org}/...`): it checks the
 * session (401), the text in the URL (400), the membership (404, whether or not the org exists) and
 * the role (403), parses the input (400), builds the file as the member inside the org's tenant
 * transaction, and answers it as an attachment. A service's refusal answers with its kind's status
 * and message; a value the database refuses, with 400.
 */
export function orgDownload<Params extends { org: string }, Input>(download: OrgDownload<Params, Input>) {
  return async function GET(request: Request, context: { params: Promise<Params> }, session: RequestSession = liveSession): Promise<Response> {
    const params = await context.params;
    const user = await session.user();
    if (!user) return refuse(401, "Sign in to download this file.");
    const values = download.read(new URL(request.url), params);
    const unsafe = findUnsafeText({ org: params.org, ...values });
    if (unsafe) return refuse(400, unsafe.message);
    const db = await session.db();
    const membership = await resolveMembership(db, { userId: user.id, orgIdOrSlug: params.org });
    if (!membership) return refuse(404, "Not found.");
    if (!hasRole(membership.role, download.least)) return refuse(403, `This needs the ${download.least} role or higher.`);
    const input = download.input.safeParse(values);
    if (!input.success) return refuse(400, firstIssue(input.error));

    const { org, role } = membership;
    // As requestLocale() decides for an org page, from the session this handler was given.
    const locale = user.locale ?? localeFromAcceptLanguage(request.headers.get("accept-language"));
    try {
      const file = await fileInTransaction(db, { orgId: org.id, userId: user.id }, (tx) =>
        download.file(memberContext(tx, { orgId: org.id, role, userId: user.id, name: user.name }), { org, input: input.data, locale }),
      );
      if (!file) return refuse(404, (typeof download.none === "function" ? download.none(locale) : download.none) ?? "Not found.");
      return new Response(file.body, {
        headers: {
          "content-type": file.type,
          "content-disposition": `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"`,
          "cache-control": "no-store",
        },
      });
    } catch (error) {
      if (error instanceof ServiceError) return refuse(statusOf[error.kind], error.message);
      if (error instanceof ZodError) return refuse(400, firstIssue(error));
      if (dataExceptionCode(error)) return refuse(400, "A value in the link is out of range or malformed. Check the dates and ids in it.");
      throw error;
    }
  };
}

/**
 * Builds the file in the org's tenant transaction. A streamed body keeps the transaction open until
 * the client has read it to the end or gone away, so every page of it comes from one snapshot.
 */
function fileInTransaction(db: Db, scope: { orgId: string; userId: string }, build: (tx: Db) => Promise<DownloadFile | null>) {
  return new Promise<DownloadFile | null>((resolve, reject) => {
    withTenant(db, scope, async (tx) => {
      const file = await build(tx);
      if (!file || !(file.body instanceof ReadableStream)) return resolve(file);
      const { body, finished } = untilFinished(file.body);
      resolve({ ...file, body });
      await finished;
    }).catch(reject);
  });
}

/** `source` passed through, and a promise that settles once it is read to its end, fails or is cancelled. */
function untilFinished(source: ReadableStream<Uint8Array>) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) {
          controller.close();
          finish();
        } else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
        finish();
      }
    },
    cancel(reason) {
      // The source stops reading before the transaction ends under it.
      return reader.cancel(reason).finally(finish);
    },
  });
  return { body, finished };
}
