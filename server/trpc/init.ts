import "server-only";
import { TRPCError, initTRPC } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "~/db/client";
import type { MemberRole } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import type { SessionUser } from "~/server/auth";
import { memberContext } from "../context";
import { ServiceError, defineMessages, fieldError, renderMessage, type FieldErrors } from "../errors";
import type { Locale } from "../i18n/locales";
import { CONCURRENT_CHANGE_MESSAGE, concurrentChangeCode } from "../input/concurrent-change";
import { DATA_EXCEPTION_MESSAGE, dataExceptionCode } from "../input/data-exception";
import { findUnsafeText } from "../input/text";
import { resolveMembership, type ResolvedMembership } from "~/server/tenancy";
import { hasRole } from "../tenancy/contract";

/* 1. Context ----------------------------------------------------------------------------------- */

export interface TrpcContext {
  /** The owner connection; org procedures replace it with a tenant transaction. */
  db: Db;
  user: SessionUser | null;
  ip: string | null;
  /** The origin the request was made to (see requestOrigin), for links back to this server. */
  origin: string | null;
  /**
   * Memberships resolved during this request. Load-bearing: a batched HTTP call runs many
   * procedures with one context, and this makes them share one membership lookup per org.
   */
  memberships: Map<string, Promise<ResolvedMembership | null>>;
  /** The reader's language: error messages are rendered in it. */
  locale: Locale;
}

export function createTrpcContext(opts: { db: Db; user: SessionUser | null; ip?: string | null; origin?: string | null; locale?: Locale }): TrpcContext {
  return { db: opts.db, user: opts.user, ip: opts.ip ?? null, origin: opts.origin ?? null, memberships: new Map(), locale: opts.locale ?? opts.user?.locale ?? "en" };
}

/* 2. Initialization ---------------------------------------------------------------------------- */

const trpcMessages = defineMessages("trpc", {
  internal: "Something went wrong on our side. Try again; if it keeps happening, contact support.",
});

function fieldErrorsOf(cause: unknown, locale: Locale): FieldErrors | undefined {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors as FieldErrors;
  if (cause instanceof ServiceError) return cause.localized(locale).fieldErrors;
  return undefined;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const locale = ctx?.locale ?? "en";
    const fieldErrors = fieldErrorsOf(cause, locale);
    let message = shape.message;
    if (error.code === "INTERNAL_SERVER_ERROR") message = renderMessage(trpcMessages.internal, {}, locale);
    else if (cause instanceof ServiceError) message = cause.localized(locale).message;
    else if (cause instanceof ZodError) message = cause.issues[0]?.message ?? "Check the highlighted fields.";
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
        retryAfterSeconds: cause instanceof ServiceError ? cause.retryAfterSeconds : undefined,
        // The message's code and parameters, so a client renders it in the reader's language.
        errorCode: cause instanceof ServiceError ? cause.code : undefined,
        params: cause instanceof ServiceError ? cause.params : undefined,
      },
    };
  },
});

const codeOf: Record<ServiceError["kind"], TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/**
 * Maps typed service errors (and validation errors raised inside services) to tRPC codes, and
 * the database errors a request can cause (bad values, collisions with a concurrent request) to
 * 4xx answers instead of 500.
 */
const serviceErrors = t.middleware(async ({ path, next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ServiceError) throw new TRPCError({ code: codeOf[cause.kind], message: cause.message, cause });
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.issues[0]?.message ?? "Check the highlighted fields.", cause });
    }
    const dataException = dataExceptionCode(cause);
    if (dataException) {
      console.warn(`[trpc] ${path}: a value reached the database unchecked (SQLSTATE ${dataException}); tighten its input schema.`);
      throw new TRPCError({ code: "BAD_REQUEST", message: DATA_EXCEPTION_MESSAGE, cause });
    }
    const collision = concurrentChangeCode(cause);
    if (collision) {
      console.warn(`[trpc] ${path}: two requests collided in the database (SQLSTATE ${collision}); settle this race in the service.`);
      throw new TRPCError({ code: "CONFLICT", message: CONCURRENT_CHANGE_MESSAGE, cause });
    }
  }
  return result;
});

/**
 * Refuses text the product never stores (NUL, control characters, unpaired surrogates) anywhere in
 * the raw input, before any schema parses it: one check for every string field of every procedure.
 */
const inputMessages = defineMessages("input", { unsafe_text: "{problem}" });
const refuseUnsafeText = t.middleware(async ({ getRawInput, next }) => {
  const unsafe = findUnsafeText(await getRawInput());
  if (unsafe) throw fieldError(unsafe.path.split(/[.[]/)[0] || "input", inputMessages.unsafe_text, { problem: unsafe.message });
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/* 3. Procedures -------------------------------------------------------------------------------- */

export const publicProcedure = t.procedure.use(serviceErrors).use(refuseUnsafeText);

/** Signed in: after this, `ctx.user` is non-null for the compiler too. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const orgInput = z.object({ orgId: z.string().min(1).max(64) });

/** Thrown only to roll the tenant transaction back when the procedure failed. */
const rollback = new Error("rollback");

/**
 * A member of the org named by `input.orgId` with at least `least`. Non-members get NOT_FOUND,
 * so an org's existence does not leak; members below the role get FORBIDDEN. The procedure runs
 * in a tenant transaction (`withTenant`) that rolls back if it fails, and receives `ctx.svc`.
 */
export function orgProcedure(least: MemberRole) {
  return protectedProcedure.input(orgInput).use(async ({ ctx, input, next }) => {
    let lookup = ctx.memberships.get(input.orgId);
    if (!lookup) {
      lookup = resolveMembership(ctx.db, { userId: ctx.user.id, orgIdOrSlug: input.orgId });
      ctx.memberships.set(input.orgId, lookup);
    }
    const membership = await lookup;
    if (!membership || membership.org.id !== input.orgId) {
      throw new TRPCError({ code: "NOT_FOUND", message: "Organization not found." });
    }
    if (!hasRole(membership.role, least)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${least} role or higher.` });
    }
    const scope = { orgId: membership.org.id, userId: ctx.user.id };
    const run = (tx: Db) => {
      const svc = memberContext(tx, { orgId: membership.org.id, role: membership.role, userId: ctx.user.id, name: ctx.user.name });
      return next({ ctx: { ...ctx, db: tx, svc, org: membership.org } });
    };
    let failed: Awaited<ReturnType<typeof run>> | undefined;
    try {
      return await withTenant(ctx.db, scope, async (tx) => {
        const result = await run(tx);
        if (!result.ok) {
          failed = result;
          throw rollback;
        }
        return result;
      });
    } catch (error) {
      if (failed) return failed;
      throw error;
    }
  });
}
