import "server-only";
import { redirect } from "next/navigation";
import { currentUser } from "~/server/auth";

/** The signed-in user, or off to sign in and back to `path`. */
export async function requireUser(path: string) {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: path })}`);
  return user;
}
