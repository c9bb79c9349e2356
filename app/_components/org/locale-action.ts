"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "~/db/open";
import { setUserLocale } from "~/server/auth";
import { currentUser } from "~/server/web";

/** Saves the signed-in person's language ("en", "zh-CN", or null for the browser's) and re-renders. */
export async function saveLocaleAction(locale: string | null): Promise<{ ok: boolean }> {
  const user = await currentUser();
  if (!user) return { ok: false };
  await setUserLocale(await getDb(), { userId: user.id, locale: typeof locale === "string" ? locale : null });
  revalidatePath("/", "layout");
  return { ok: true };
}
