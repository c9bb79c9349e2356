import "server-only";
import { cache } from "react";
import { getDb } from "~/db/open";
import { findUser, type SessionUser } from "~/server/auth";
import { auth } from "./next-auth";

/**
 * The signed-in user for this request, re-read from the database so a deleted account's session
 * stops working. Cached per request.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return findUser(await getDb(), id);
});
