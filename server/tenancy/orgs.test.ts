import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, organizations } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg, createUser } from "~/test/factories";
import { countRows, orgSnapshot } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const valid = { name: "Snack Attack GmbH", slug: "snack-attack", timeZone: "Europe/Berlin", currency: "eur" };

const counts = async () => ({
  organizations: await countRows(t.db, organizations),
  memberships: await countRows(t.db, memberships),
  auditLog: await countRows(t.db, auditLog),
});

/** Expects org.create to be refused as described and to write nothing. */
async function expectCreateRefused(input: typeof valid, expected: { code: string; field: string; message: string }) {
  const user = await createUser(t.db);
  const before = await counts();
  const failure = await callError(callerFor(t.db, user).org.create(input));
  expect(failure).toMatchObject({ code: expected.code, message: expected.message, fieldErrors: { [expected.field]: [expected.message] } });
  expect(await counts()).toEqual(before);
}

describe("org.create", () => {
  it("creates the organization with its creator as owner, and audits it", async () => {
    const user = await createUser(t.db);
    const org = await callerFor(t.db, user).org.create({ ...valid, slug: " Snack-Attack ", supportEmail: "" });
    expect(org).toMatchObject({ name: "Snack Attack GmbH", slug: "snack-attack", timeZone: "Europe/Berlin", currency: "EUR", supportEmail: null });
    expect(org.id).toMatch(/^org_/);
    expect(await callerFor(t.db, user).org.mine()).toEqual([{ id: org.id, name: org.name, slug: org.slug, role: "owner" }]);
    const { entries } = await callerFor(t.db, user).audit.list({ orgId: org.id });
    expect(entries).toEqual([
      expect.objectContaining({ action: "organization.created", actorId: user.id, targetId: org.id, data: { name: org.name, slug: org.slug } }),
    ]);
  });

  it("refuses a slug that is taken, whatever its case, and writes nothing", async () => {
    const { org } = await createOrg(t.db);
    const message = "That address is already taken. Choose another.";
    await expectCreateRefused({ ...valid, slug: org.slug }, { code: "CONFLICT", field: "slug", message });
    await expectCreateRefused({ ...valid, slug: org.slug.toUpperCase() }, { code: "CONFLICT", field: "slug", message });
  });

  it("refuses a name over 80 characters", async () => {
    await expectCreateRefused({ ...valid, slug: "long-name", name: "N".repeat(81) }, { code: "BAD_REQUEST", field: "name", message: "Use at most 80 characters." });
  });

  it("refuses a slug with characters a URL would mangle", async () => {
    await expectCreateRefused(
      { ...valid, slug: "snack_attack!" },
      { code: "BAD_REQUEST", field: "slug", message: "Use lowercase letters, digits and dashes, starting and ending with a letter or digit." },
    );
  });

  it("keeps a time zone in its canonical spelling", async () => {
    const user = await createUser(t.db);
    const org = await callerFor(t.db, user).org.create({ ...valid, slug: "lower-zone", timeZone: "america/new_york", currency: "usd" });
    expect(org).toMatchObject({ timeZone: "America/New_York", currency: "USD" });
  });

  it("refuses an unknown time zone", async () => {
    const message = "Choose a time zone such as Europe/Berlin or America/New_York.";
    await expectCreateRefused({ ...valid, slug: "bad-zone", timeZone: "Mars/Olympus_Mons" }, { code: "BAD_REQUEST", field: "timeZone", message });
    await expectCreateRefused({ ...valid, slug: "bad-zone", timeZone: "CET" }, { code: "BAD_REQUEST", field: "timeZone", message });
  });

  it("refuses an unknown currency", async () => {
    await expectCreateRefused(
      { ...valid, slug: "bad-money", currency: "EURO" },
      { code: "BAD_REQUEST", field: "currency", message: "Use a three-letter ISO 4217 currency code such as USD or EUR." },
    );
  });

  it("needs a signed-in user", async () => {
    expect(await callError(callerFor(t.db, null).org.create({ ...valid, slug: "anonymous" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("org.update", () => {
  it("changes the settings and audits what changed", async () => {
    const { org } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    const updated = await callerFor(t.db, admin).org.update({
      orgId: org.id,
      name: "Renamed Vending",
      timeZone: "America/New_York",
      currency: "usd",
      supportEmail: "help@example.test",
    });
    expect(updated).toMatchObject({ id: org.id, slug: org.slug, name: "Renamed Vending", timeZone: "America/New_York", currency: "USD" });
    expect(await callerFor(t.db, admin).org.get({ orgId: org.id })).toMatchObject({ name: "Renamed Vending", myRole: "admin" });
    const { entries } = await callerFor(t.db, admin).audit.list({ orgId: org.id, action: "organization.updated" });
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        targetId: org.id,
        data: {
          name: { from: org.name, to: "Renamed Vending" },
          timeZone: { from: "Europe/Berlin", to: "America/New_York" },
          currency: { from: "EUR", to: "USD" },
          supportEmail: { from: null, to: "help@example.test" },
        },
      }),
    ]);
  });

  it("audits nothing when nothing changed", async () => {
    const { org, owner } = await createOrg(t.db);
    const before = await orgSnapshot(t.db, org.id);
    await callerFor(t.db, owner).org.update({ orgId: org.id, name: org.name, timeZone: org.timeZone, currency: org.currency });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("changes how long raw machine events are kept and audits it, leaving it alone when not sent", async () => {
    const { org } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    const caller = callerFor(t.db, admin);
    expect((await caller.org.get({ orgId: org.id })).eventRetentionMonths).toBe(13);
    const same = { orgId: org.id, name: org.name, timeZone: org.timeZone, currency: org.currency };
    expect(await caller.org.update({ ...same, eventRetentionMonths: 3 })).toMatchObject({ eventRetentionMonths: 3 });
    expect(await caller.org.update(same)).toMatchObject({ eventRetentionMonths: 3 });
    const { entries } = await caller.audit.list({ orgId: org.id, action: "organization.updated" });
    expect(entries).toEqual([expect.objectContaining({ actorId: admin.id, targetId: org.id, data: { eventRetentionMonths: { from: 13, to: 3 } } })]);
  });

  it.each([0, 121, 2.5])("refuses keeping raw machine events for %s months and changes nothing", async (months) => {
    const { org, owner } = await createOrg(t.db);
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(
      callerFor(t.db, owner).org.update({ orgId: org.id, name: org.name, timeZone: org.timeZone, currency: org.currency, eventRetentionMonths: months }),
    );
    expect(failure).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { eventRetentionMonths: ["Enter a whole number of months from 1 to 120."] } });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("refuses bad settings field by field and changes nothing", async () => {
    const { org, owner } = await createOrg(t.db);
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(
      callerFor(t.db, owner).org.update({ orgId: org.id, name: "x", timeZone: "Nowhere", currency: "ZZZZ", supportEmail: "not-mail" }),
    );
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.fieldErrors).toEqual({
      name: ["Use at least 2 characters."],
      timeZone: ["Choose a time zone such as Europe/Berlin or America/New_York."],
      currency: ["Use a three-letter ISO 4217 currency code such as USD or EUR."],
      supportEmail: ["Enter an e-mail address like support@example.com."],
    });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
    expect((await t.db.select().from(organizations).where(eq(organizations.id, org.id)))[0]?.name).toBe(org.name);
  });
});
