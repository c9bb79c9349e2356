import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db } from "~/db/client";
import { withHost } from "~/db/tenant";
import { resolveHostAccess } from "~/server/hosts";
import { hostContext } from "../context";
import { protectedProcedure } from "./init";

/** The org a host procedure acts in: its id or slug, as in the host portal's addresses (/h/{org}). */
export const hostOrgInput = z.object({ org: z.string().min(1).max(64) });

/** Thrown only to roll the host transaction back when the procedure failed. */
const rollback = new Error("rollback");

/**
 * A host of at least one location of the org named by `input.org`. Anyone else (members of the org
 * included: they have their own pages) gets NOT_FOUND, so neither the org nor its places leak. The
 * procedure runs in a host transaction (`withHost`): the database itself confines it to the host's
 * locations. It receives `ctx.host`, the host's service context.
 */
export const hostProcedure = protectedProcedure.input(hostOrgInput).use(async ({ ctx, input, next }) => {
  const access = await resolveHostAccess(ctx.db, { userId: ctx.user.id, orgIdOrSlug: input.org });
  if (!access) throw new TRPCError({ code: "NOT_FOUND", message: "Place not found." });
  const scope = { orgId: access.org.id, userId: ctx.user.id, locationIds: access.locationIds };
  const run = (tx: Db) => {
    const host = hostContext(tx, { orgId: access.org.id, userId: ctx.user.id, name: ctx.user.name, locationIds: access.locationIds });
    return next({ ctx: { ...ctx, db: tx, host, hostOrg: access.org } });
  };
  let failed: Awaited<ReturnType<typeof run>> | undefined;
  try {
    return await withHost(ctx.db, scope, async (tx) => {
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
