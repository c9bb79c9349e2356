import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostMembers, users } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { recipientLocale, recipientLocales } from "~/server/auth";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { startMailCapture } from "~/test/mail-capture";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { pdfPlainText, pdfTexts } from "~/test/pdf-text";
import { sendStatement } from "./send";

let t: TestDatabase;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createOrgFixture(t.db, "manager");
});
afterAll(async () => {
  await t.drop();
});

describe("host statements mailed in each recipient's language", () => {
  it("sends a host whose account reads Chinese a Chinese mail and PDF, and a contact without an account the English ones", async () => {
    const host = await createUser(t.db, { name: "王芳" });
    await t.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, host.id));
    await withTenant(t.db, { orgId: f.orgId }, (tx) => tx.insert(hostMembers).values({ orgId: f.orgId, locationId: f.locationId, userId: host.id }));
    await callerFor(t.db, f.actor).hosts.statements.approve({ orgId: f.orgId, statementId: f.hostStatementId });

    const box = await startMailCapture();
    try {
      const sent = await asOwner(t.db, f.orgId, f.owner.id, (ctx) => sendStatement(ctx, { statementId: f.hostStatementId, smtpUrl: box.url }));
      expect(sent.recipients).toContain(host.email.toLowerCase());
      const zh = box.mails.find((m) => m.to[0]!.toLowerCase() === host.email.toLowerCase())!;
      expect(zh.subject).toMatch(/^.+：Main station \d{4}年\d{1,2}月 场地方结算单$/);
      expect(zh.text).toContain("您好：");
      expect(zh.text).toContain("应付给您的佣金：20.00 EUR。");
      const pdf = pdfPlainText(zh.attachments[0]!.content).replace(/\s+/g, "");
      for (const words of ["场地方结算单：Mainstation", "佣金规则", "固定租金", "应付场地方合计"]) expect(pdf).toContain(words);

      const en = box.mails.find((m) => m.to[0] === "host@example.test")!;
      expect(en.subject).toMatch(/: host statement for Main station, \w+ \d{4}$/);
      expect(en.text).toContain("Commission owed to you: 20.00 EUR.");
      expect(pdfTexts(en.attachments[0]!.content).map((x) => x.text)).toContain("Total owed to the host");
    } finally {
      await box.close();
    }
  });

  it("finds the language of addresses an org may see, in any case of letters; others read English", async () => {
    const reader = await createUser(t.db);
    await t.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, reader.id));
    await withTenant(t.db, { orgId: f.orgId }, (tx) => tx.insert(hostMembers).values({ orgId: f.orgId, locationId: f.locationId, userId: reader.id }));
    const stranger = await createUser(t.db);
    await t.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, stranger.id));
    const seen = await asOwner(t.db, f.orgId, f.owner.id, (ctx) => recipientLocales(ctx.db, [reader.email.toUpperCase(), stranger.email, "nobody@example.test"]));
    // Row-level security hides an account that is neither a member nor a host of the org.
    expect(Object.fromEntries(seen)).toEqual({ [reader.email.toLowerCase()]: "zh-CN", [stranger.email.toLowerCase()]: "en", "nobody@example.test": "en" });
    expect(await recipientLocale(t.db, stranger.email)).toBe("zh-CN");
  });
});
