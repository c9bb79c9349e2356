import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("smoke", () => {
  it("lists members through a tenant transaction", async () => {
    const { org, owner } = await createOrg(t.db);
    const viewer = await addMember(t.db, org.id, "viewer");
    const members = await callerFor(t.db, viewer).members.list({ orgId: org.id });
    expect(members.map((m) => m.userId).sort()).toEqual([owner.id, viewer.id].sort());
    await expect(callerFor(t.db, viewer).invitations.list({ orgId: org.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
