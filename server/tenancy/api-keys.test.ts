import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, auditLog } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { apiKeyContext } from "~/server/context";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { callError } from "~/test/trpc-errors";
import { authenticateApiKey, countApiKeyRequest, hashApiKey, recordApiKeyUse } from "./index";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("org API keys", () => {
  it("are shown once, stored only as a hash, listed with prefix, scopes and status, and revoked once", async () => {
    const { org, owner } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    const created = await callerFor(t.db, admin).apiKeys.create({ orgId: org.id, name: " Accounting ", scopes: ["sales:read", "machines:read", "sales:read"] });
    expect(created.key).toMatch(/^vo_live_[0-9A-Za-z]{8}_[\w-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: "Accounting", prefix: created.key.slice(0, 16), scopes: ["machines:read", "sales:read"] });

    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, created.apiKey.id));
    expect(row!.keyHash).toBe(hashApiKey(created.key));
    const secret = created.key.slice(17);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(Object.values(row!)).not.toContain(created.key);

    const listed = await callerFor(t.db, owner).apiKeys.list({ orgId: org.id });
    expect(listed).toEqual([expect.objectContaining({ id: created.apiKey.id, prefix: created.apiKey.prefix, status: "active", lastUsedAt: null, createdBy: admin.id })]);
    expect(JSON.stringify(listed)).not.toContain(row!.keyHash);

    expect(await authenticateApiKey(t.db, created.key)).toMatchObject({ apiKeyId: created.apiKey.id, orgId: org.id, scopes: ["machines:read", "sales:read"] });
    await callerFor(t.db, admin).apiKeys.revoke({ orgId: org.id, apiKeyId: created.apiKey.id });
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
    expect((await callerFor(t.db, owner).apiKeys.list({ orgId: org.id }))[0]).toMatchObject({ status: "revoked" });
    expect(await callError(callerFor(t.db, admin).apiKeys.revoke({ orgId: org.id, apiKeyId: created.apiKey.id }))).toMatchObject({ code: "CONFLICT" });

    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).map((e) => [e.action, e.actorId, e.targetId]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["api_key.created", admin.id, created.apiKey.id],
        ["api_key.revoked", admin.id, created.apiKey.id],
      ]),
    );
  });

  it("refuses bad input with field messages, and an expiry in the past", async () => {
    const { org, owner } = await createOrg(t.db);
    const caller = callerFor(t.db, owner);
    expect(await callError(caller.apiKeys.create({ orgId: org.id, name: "", scopes: ["machines:read"] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await callError(caller.apiKeys.create({ orgId: org.id, name: "x", scopes: [] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await callError(caller.apiKeys.create({ orgId: org.id, name: "x", scopes: ["machines:delete" as never] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await callError(caller.apiKeys.create({ orgId: org.id, name: "x", scopes: ["machines:read"], expiresAt: new Date(Date.now() - 1000) }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("expired keys do not authenticate; unknown and malformed keys neither", async () => {
    const { org, owner } = await createOrg(t.db);
    const created = await callerFor(t.db, owner).apiKeys.create({ orgId: org.id, name: "Short", scopes: ["machines:read"], expiresAt: new Date(Date.now() + 60_000) });
    expect(await authenticateApiKey(t.db, created.key)).not.toBeNull();
    await t.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, created.apiKey.id));
    expect(await authenticateApiKey(t.db, created.key)).toBeNull();
    expect((await callerFor(t.db, owner).apiKeys.list({ orgId: org.id }))[0]).toMatchObject({ status: "expired" });
    expect(await authenticateApiKey(t.db, `${created.key.slice(0, -1)}x`)).toBeNull();
    expect(await authenticateApiKey(t.db, "not-a-key")).toBeNull();
  });

  it("counts requests in a window, refuses past the limit without counting, and marks last use at most once a minute", async () => {
    const { org, owner } = await createOrg(t.db);
    const { apiKey } = await callerFor(t.db, owner).apiKeys.create({ orgId: org.id, name: "Busy", scopes: ["machines:read"] });
    const count = () =>
      withTenant(t.db, { orgId: org.id }, (tx) =>
        countApiKeyRequest(apiKeyContext(tx, { orgId: org.id, apiKeyId: apiKey.id, name: "Busy" }), { apiKeyId: apiKey.id, limit: { requests: 2, windowSeconds: 60 } }),
      );
    expect(await count()).toMatchObject({ ok: true, limit: 2, remaining: 1 });
    const [first] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(first!.lastUsedAt).toBeInstanceOf(Date);
    expect(await count()).toMatchObject({ ok: true, remaining: 0 });
    const refused = await count();
    expect(refused).toMatchObject({ ok: false, remaining: 0 });
    expect(refused.resetSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.resetSeconds).toBeLessThanOrEqual(60);
    const [after] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(after!.requestWindowCount).toBe(2);
    expect(after!.lastUsedAt!.getTime()).toBe(first!.lastUsedAt!.getTime());

    // A window that ended starts again.
    await t.db.update(apiKeys).set({ requestWindowStartedAt: new Date(Date.now() - 61_000), lastUsedAt: new Date(Date.now() - 120_000) }).where(eq(apiKeys.id, apiKey.id));
    expect(await count()).toMatchObject({ ok: true, remaining: 1 });
    const [again] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(again!.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("records a use with the key as the actor", async () => {
    const { org, owner } = await createOrg(t.db);
    const { apiKey } = await callerFor(t.db, owner).apiKeys.create({ orgId: org.id, name: "Writer", scopes: ["products:write"] });
    await withTenant(t.db, { orgId: org.id }, (tx) =>
      recordApiKeyUse(apiKeyContext(tx, { orgId: org.id, apiKeyId: apiKey.id, name: "Writer" }), { method: "PATCH", path: "/api/v1/products/p1" }),
    );
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "api_key.used"));
    expect(entries.filter((e) => e.orgId === org.id)).toEqual([
      expect.objectContaining({ actorType: "api_key", actorId: apiKey.id, actorLabel: "Writer", targetId: apiKey.id, data: { method: "PATCH", path: "/api/v1/products/p1" } }),
    ]);
  });
});
