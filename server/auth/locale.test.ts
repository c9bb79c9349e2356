import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createUser } from "~/test/factories";
import { ServiceError } from "../errors";
import { findUser, setUserLocale } from "./accounts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("a person's language", () => {
  it("is saved, read with the session's user, and cleared to follow the browser again", async () => {
    const user = await createUser(t.db);
    expect((await findUser(t.db, user.id))?.locale).toBeNull();
    await setUserLocale(t.db, { userId: user.id, locale: "zh-CN" });
    expect((await findUser(t.db, user.id))?.locale).toBe("zh-CN");
    await setUserLocale(t.db, { userId: user.id, locale: null });
    expect((await findUser(t.db, user.id))?.locale).toBeNull();
  });

  it("refuses a language the app does not speak, and the database refuses it too", async () => {
    const user = await createUser(t.db);
    await expect(setUserLocale(t.db, { userId: user.id, locale: "fr" })).rejects.toThrow(ServiceError);
    await expect(setUserLocale(t.db, { userId: user.id, locale: "fr" })).rejects.toMatchObject({ code: "auth.locale_unknown", fieldErrors: { locale: [expect.stringContaining("fr")] } });
    const refused = await t.db.execute(sql`update users set locale = 'fr' where id = ${user.id}`).then(
      () => null,
      (error: Error) => error,
    );
    expect(String((refused?.cause as Error | undefined)?.message ?? refused?.message)).toMatch(/users_locale_known/);
    expect((await findUser(t.db, user.id))?.locale).toBeNull();
  });
});
