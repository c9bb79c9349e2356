import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, hostMembers, hostStatements, users } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import type { SessionUser } from "~/server/auth";
import type { RequestSession } from "~/server/web";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { pdfTexts } from "~/test/pdf-text";
import { callError } from "~/test/trpc-errors";
import { GET as csvRoute } from "~/app/o/[org]/hosts/statements/[statementId]/csv/route";
import { GET as pdfRoute } from "~/app/o/[org]/hosts/statements/[statementId]/pdf/route";
import { sendStatement } from "./send";

let t: TestDatabase;
let a: OrgFixture;
let b: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  a = await createOrgFixture(t.db, "manager");
  b = await createOrgFixture(t.db, "manager");
});
afterAll(async () => {
  await t.drop();
});

/** An SMTP server that keeps what it receives. */
async function mailbox() {
  const mails: { to: string[]; data: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, s, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        mails.push({ to: s.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  return { mails, url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

function attachedPdf(data: string): Buffer {
  const part = data.split(/Content-Type: application\/pdf/i)[1]!;
  const body = part.split(/\r?\n\r?\n/).slice(1).join("\n").split(/\r?\n--/)[0]!;
  return Buffer.from(body.replace(/\s+/g, ""), "base64");
}

describe("a statement's life: draft, approved, sent, paid", () => {
  it("moves only forward, keeps adjustments with their reasons, e-mails the PDF to the contacts and the hosts, and audits each step", async () => {
    const c = callerFor(t.db, a.actor);
    const statementId = a.hostStatementId;
    const draft = await c.hosts.statements.get({ orgId: a.orgId, statementId });
    // The fixture's month had no sales: the 20.00 rent.
    const [fixtureHost] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, a.hostUserId));
    expect(draft).toMatchObject({ status: "draft", commissionMinor: 2000, totalMinor: 2000 });
    expect(draft.recipients.sort()).toEqual(["host@example.test", fixtureHost!.email.toLowerCase()].sort());

    // Nothing but approval is possible from draft.
    expect(await callError(c.hosts.statements.send({ orgId: a.orgId, statementId }))).toMatchObject({ code: "CONFLICT", message: "This statement is draft; it cannot be sent." });
    expect(await callError(c.hosts.statements.markPaid({ orgId: a.orgId, statementId }))).toMatchObject({ code: "CONFLICT", message: "This statement is draft; it cannot be marked paid." });

    const adjusted = await c.hosts.statements.addAdjustment({ orgId: a.orgId, statementId, amountMinor: -500, reason: "Machine broken for a week" });
    expect(adjusted).toMatchObject({ adjustmentsMinor: -500, totalMinor: 1500 });
    expect(adjusted.adjustments).toEqual([expect.objectContaining({ amountMinor: -500, reason: "Machine broken for a week", createdBy: a.actor.id, createdByName: a.actor.name })]);
    expect(await callError(c.hosts.statements.addAdjustment({ orgId: a.orgId, statementId, amountMinor: 0, reason: "x" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await callError(c.hosts.statements.addAdjustment({ orgId: a.orgId, statementId, amountMinor: 100, reason: "   " }))).toMatchObject({ code: "BAD_REQUEST" });

    // A host user of the location receives it too.
    const host = await createUser(t.db, { name: "Hannah Host" });
    await withTenant(t.db, { orgId: a.orgId }, (tx) => tx.insert(hostMembers).values({ orgId: a.orgId, locationId: a.locationId, userId: host.id }));

    expect(await c.hosts.statements.approve({ orgId: a.orgId, statementId })).toMatchObject({ status: "approved" });
    expect(await callError(c.hosts.statements.addAdjustment({ orgId: a.orgId, statementId, amountMinor: 100, reason: "Late" }))).toMatchObject({
      code: "CONFLICT",
      message: "Only a draft statement can be adjusted; this one is approved.",
    });
    const box = await mailbox();
    try {
      const sent = await asOwner(t.db, a.orgId, a.owner.id, (ctx) => sendStatement(ctx, { statementId, smtpUrl: box.url }));
      expect(sent).toMatchObject({ statement: { status: "sent" }, emailed: 3 });
      expect(sent.recipients.sort()).toEqual(["host@example.test", fixtureHost!.email.toLowerCase(), host.email.toLowerCase()].sort());
      expect(box.mails.map((m) => m.to[0]).sort()).toEqual(sent.recipients.sort());
      expect(box.mails[0]!.data).toContain("host statement for Main station");
      const texts = pdfTexts(attachedPdf(box.mails[0]!.data)).map((x) => x.text);
      expect(texts).toEqual(expect.arrayContaining(["Host statement: Main station", "Adjustment: Machine broken for a week", "-5.00 EUR", "Total owed to the host", "15.00 EUR"]));
    } finally {
      await box.close();
    }
    expect(await c.hosts.statements.markPaid({ orgId: a.orgId, statementId })).toMatchObject({ status: "paid" });
    expect(await callError(c.hosts.statements.approve({ orgId: a.orgId, statementId }))).toMatchObject({ code: "CONFLICT", message: "This statement is paid; it cannot be approved." });

    const [row] = await t.db.select().from(hostStatements).where(eq(hostStatements.id, statementId));
    expect(row).toMatchObject({ status: "paid", approvedBy: a.actor.id });
    expect(row!.approvedAt && row!.sentAt && row!.paidAt).toBeTruthy();
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.targetId, statementId))).map((e) => [e.action, e.actorType]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["host_statement.adjusted", "user"],
        ["host_statement.approved", "user"],
        ["host_statement.sent", "user"],
        ["host_statement.paid", "user"],
      ]),
    );
    // The contract of a statement cannot go; nor can its month's rule change now.
    expect(await callError(c.hosts.contracts.remove({ orgId: a.orgId, contractId: a.hostContractId }))).toMatchObject({
      code: "CONFLICT",
      message: "This contract was used for 1 statement(s) and is kept with them; save a new one from a later month instead.",
    });
    expect(await callError(c.hosts.contracts.save({ orgId: a.orgId, locationId: a.locationId, effectiveFrom: "2026-01", percentBp: 5, contactEmails: [] }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^The statement of \d{4}-\d{2} is paid; a contract change from 2026-01 would alter it/),
    });
    // The same rule with new contacts alters nothing: allowed, and the next sending goes to them.
    await c.hosts.contracts.save({ orgId: a.orgId, locationId: a.locationId, effectiveFrom: "2026-01", percentBp: 1000, flatRentMinor: 2000, contactEmails: ["accounts@example.test"] });
    expect((await c.hosts.statements.get({ orgId: a.orgId, statementId })).recipients).toContain("accounts@example.test");
  });

  it("refuses to send a statement no one would receive, and to make statements of an open month", async () => {
    const c = callerFor(t.db, b.actor);
    await c.hosts.contracts.save({ orgId: b.orgId, locationId: b.locationId, effectiveFrom: "2026-01", percentBp: 1000, flatRentMinor: 2000, contactEmails: [] });
    await t.db.delete(hostMembers).where(eq(hostMembers.orgId, b.orgId));
    await c.hosts.statements.approve({ orgId: b.orgId, statementId: b.hostStatementId });
    expect(await callError(c.hosts.statements.send({ orgId: b.orgId, statementId: b.hostStatementId }))).toMatchObject({
      code: "CONFLICT",
      message: "No one to send this statement to: add contact e-mails to the contract of Main station.",
    });
    const now = new Date();
    const open = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
    expect(await callError(c.hosts.statements.generate({ orgId: b.orgId, month: open }))).toMatchObject({
      code: "BAD_REQUEST",
      message: `${open} has not ended yet in the organization's time zone; statements are made for closed months.`,
    });
  });
});

describe("contracts", () => {
  it("refuses rules that make no sense, with the field to fix", async () => {
    const c = callerFor(t.db, b.actor);
    const base = { orgId: b.orgId, locationId: b.locationId, effectiveFrom: "2027-05", contactEmails: [] };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{}, "percentBp", /Set a rate, tiers, an amount per unit, a rent or a minimum guarantee/],
      [{ tiers: [{ fromMinor: 100, percentBp: 500 }] }, "tiers", /The first tier starts at 0/],
      [{ tiers: [{ fromMinor: 0, percentBp: 500 }, { fromMinor: 0, percentBp: 800 }] }, "tiers", /Each tier starts above the one before/],
      [{ tiers: [{ fromMinor: 0, percentBp: 500 }], percentBp: 100 }, "percentBp", /Tiers replace the single rate/],
      [{ percentBp: 10_001 }, "percentBp", /at most 100%/],
      [{ perUnitMinor: -1 }, "perUnitMinor", /cannot be negative/],
      [{ percentBp: 100, contactEmails: ["not an address"] }, "contactEmails", /Enter e-mail addresses/],
      [{ percentBp: 100, effectiveFrom: "2027-13" }, "effectiveFrom", /Use a month like/],
    ];
    for (const [extra, field, message] of cases) {
      const failure = await callError(c.hosts.contracts.save({ ...base, ...extra } as Parameters<typeof c.hosts.contracts.save>[0]));
      expect({ extra, code: failure.code }).toEqual({ extra, code: "BAD_REQUEST" });
      expect(JSON.stringify(failure)).toMatch(message);
      expect(JSON.stringify(failure)).toContain(field);
    }
  });

  it("replaces the contract of a month saved again, and removes an unused one", async () => {
    const c = callerFor(t.db, b.actor);
    const first = await c.hosts.contracts.save({ orgId: b.orgId, locationId: b.locationId, effectiveFrom: "2027-06", percentBp: 700, contactEmails: ["A@Example.test"] });
    const again = await c.hosts.contracts.save({ orgId: b.orgId, locationId: b.locationId, effectiveFrom: "2027-06", perUnitMinor: 12, contactEmails: ["a@example.test"] });
    expect(again.id).toBe(first.id);
    const listed = await c.hosts.contracts.list({ orgId: b.orgId, locationId: b.locationId });
    expect(listed.filter((x) => x.effectiveFrom === "2027-06")).toEqual([expect.objectContaining({ percentBp: null, perUnitMinor: 12, contactEmails: ["a@example.test"], statements: 0 })]);
    expect(await c.hosts.contracts.remove({ orgId: b.orgId, contractId: first.id })).toEqual({ removed: first.id });
    expect((await c.hosts.contracts.list({ orgId: b.orgId, locationId: b.locationId })).some((x) => x.id === first.id)).toBe(false);
  });
});

describe("isolation", () => {
  it("keeps one org's contracts and statements from another, in the services and in the database", async () => {
    const c = callerFor(t.db, b.owner);
    expect(await callError(c.hosts.statements.get({ orgId: b.orgId, statementId: a.hostStatementId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(c.hosts.contracts.remove({ orgId: b.orgId, contractId: a.hostContractId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(c.hosts.contracts.list({ orgId: b.orgId, locationId: a.locationId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(c.hosts.contracts.save({ orgId: b.orgId, locationId: a.locationId, effectiveFrom: "2027-01", percentBp: 1, contactEmails: [] }))).toMatchObject({ code: "NOT_FOUND" });
    const listed = await c.hosts.statements.list({ orgId: b.orgId });
    expect(listed.statements.map((s) => s.id)).not.toContain(a.hostStatementId);
    // Row-level security: in B's tenant transaction, A's rows do not exist and cannot be written.
    const seen = await withTenant(t.db, { orgId: b.orgId }, async (tx) => {
      await tx.execute(sql`set local role vendops_app`);
      const rows = await tx.execute(sql`select id from host_statements union all select id from host_contracts union all select id from host_statement_adjustments`);
      const changed = await tx.execute(sql`update host_statements set total_minor = 0 where id = ${a.hostStatementId}`);
      return { rows: (rows as unknown as { rows: { id: string }[] }).rows.map((r) => r.id), changed };
    });
    expect(seen.rows).not.toContain(a.hostStatementId);
    expect(seen.rows).not.toContain(a.hostContractId);
    const [kept] = await t.db.select({ total: hostStatements.totalMinor }).from(hostStatements).where(eq(hostStatements.id, a.hostStatementId));
    expect(kept!.total).not.toBe(0);
  });
});

describe("statement downloads", () => {
  const state = { user: null as SessionUser | null };
  const session: RequestSession = { db: async () => t.db, user: async () => state.user };
  const params = (org: string, statementId: string) => ({ params: Promise.resolve({ org, statementId }) });
  const request = (path: string) => new Request(`http://localhost${path}`);

  it("serves a member the PDF and the CSV, and nothing of another org", async () => {
    state.user = b.actor;
    const csv = await csvRoute(request(`/o/${b.orgId}/hosts/statements/${b.hostStatementId}/csv`), params(b.orgId, b.hostStatementId), session);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="host-statement-\d{4}-\d{2}-main-station\.csv"$/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("section,machine,payment_method,units,gross,refunds,vat,net,amount,reason,currency");
    expect(lines.at(-1)).toMatch(/^total,,,,,,,,20\.00,/);
    const pdf = await pdfRoute(request(`/o/${b.orgId}/hosts/statements/${b.hostStatementId}/pdf`), params(b.orgId, b.hostStatementId), session);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdfTexts(Buffer.from(await pdf.arrayBuffer())).map((x) => x.text)).toContain("Host statement: Main station");

    const foreign = await pdfRoute(request(`/o/${b.orgId}/hosts/statements/${a.hostStatementId}/pdf`), params(b.orgId, a.hostStatementId), session);
    expect(foreign.status).toBe(404);
    const notMember = await csvRoute(request(`/o/${a.orgId}/hosts/statements/${a.hostStatementId}/csv`), params(a.orgId, a.hostStatementId), session);
    expect(notMember.status).toBe(404);
    state.user = null;
    expect((await csvRoute(request(`/o/${b.orgId}/hosts/statements/${b.hostStatementId}/csv`), params(b.orgId, b.hostStatementId), session)).status).toBe(401);
  });
});
