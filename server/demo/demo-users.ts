// The demo's people: users who sign in with the demo password.
import "server-only";

import { eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { users } from "~/db/schema";
import { hashPassword, verifyPassword } from "~/server/auth";
import type { DemoPerson } from "./operator";

/** The demo password, hashed at most once however many people get it. */
export interface DemoPassword {
  password: string;
  hash: () => Promise<string>;
}

export function demoPassword(password: string): DemoPassword {
  let hash: Promise<string> | undefined;
  return { password, hash: () => (hash ??= hashPassword(password)) };
}

/**
 * Creates the user with the demo password, or, when they exist, gives them the demo password again
 * if it was changed in the data directory. Returns the user's id.
 */
export async function seedDemoUser(db: Db, person: Pick<DemoPerson, "name" | "email" | "locale">, password: DemoPassword): Promise<string> {
  const [existing] = await db.select().from(users).where(eq(sql`lower(${users.email})`, person.email));
  if (!existing) {
    const id = newId("usr");
    await db.insert(users).values({ id, email: person.email, name: person.name, passwordHash: await password.hash(), locale: person.locale ?? null });
    return id;
  }
  if (!(await verifyPassword(existing.passwordHash, password.password))) {
    await db.update(users).set({ passwordHash: await password.hash() }).where(eq(users.id, existing.id));
  }
  return existing.id;
}
