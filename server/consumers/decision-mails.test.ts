import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { organizations, refundRequests } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createUser } from "~/test/factories";
import { createMachineWithPlanogram, restock } from "~/test/machines";
import { hoursFrom, memberVend, report, sendAndFindSales } from "~/test/refund-requests";
import { sendDecisionMails } from "./decision-mails";

let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl: string;
let mails: { to: string[]; data: string }[] = [];
/** When set, the SMTP server refuses every message. */
let refuse = false;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        if (refuse) return callback(new Error("Mailbox unavailable"));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.drop();
});
afterEach(() => {
  mails = [];
  refuse = false;
});

/** A consumer's card purchase reported as a problem; the org has a support address. */
async function reported(options: { failed?: boolean; rule?: boolean } = {}) {
  const m = await createMachineWithPlanogram(t.db);
  await t.db.update(organizations).set({ supportEmail: "help@snacks.example" }).where(eq(organizations.id, m.org.id));
  if (options.rule) await callerFor(t.db, m.owner).refundRequests.updateSettings({ orgId: m.org.id, autoApproveFailedVends: true });
  const consumer = await createUser(t.db, { name: "Jo" });
  const at = hoursFrom(new Date(), -1);
  const vend = memberVend("A1", { at, consumerId: consumer.id, reference: `pi_${m.org.id}` });
  const events = [restock([{ slot: "A1", quantity: 5 }], hoursFrom(at, -1)), vend];
  if (options.failed) events.push(memberVend("A1", { at: hoursFrom(at, 0.01), ok: false, reference: `pi_${m.org.id}`, price: 0 }));
  const found = await sendAndFindSales(t.db, { id: m.machine.id, secret: m.secret }, events);
  const request = await report(t.db, consumer.id, found.get(vend.id)!.id);
  return { m, consumer, request, saleId: found.get(vend.id)!.id };
}

/** Quoted-printable bytes (=XX) to UTF-8 text. */
const unquote = (qp: string) => Buffer.from(qp.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");

/** A message as the SMTP server received it, as text: the subject's encoded words and the quoted-printable body decoded. */
function textOf(data: string): string {
  const split = data.search(/\r?\n\r?\n/);
  const [head, body] = [data.slice(0, split), data.slice(split)];
  const headers = head.replace(/\?=\s+=\?UTF-8\?Q\?/g, "").replace(/=\?UTF-8\?Q\?(.*?)\?=/g, (_, words: string) => unquote(words.replace(/_/g, " ")));
  return `${headers}${unquote(body.replace(/=\r?\n/g, ""))}`;
}

describe("the consumer's e-mail about a decision", () => {
  it("tells an approval once: the amount and where it goes", async () => {
    const { m, consumer, request, saleId } = await reported();
    await callerFor(t.db, m.owner).refundRequests.decide({ orgId: m.org.id, requestId: request.id, decision: "approve" });
    expect(await sendDecisionMails(t.db, { smtpUrl })).toBe(1);
    expect(await sendDecisionMails(t.db, { smtpUrl })).toBe(0);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([consumer.email]);
    const text = textOf(mails[0]!.data);
    expect(text).toContain(`Subject: ${m.org.name} is refunding €2.50`);
    expect(text).toContain("€2.50 goes back to the card you paid with");
    expect(text).toContain("Cola 0.33 l at Station hall 1");
    expect(text).toContain(`/me/purchases/${saleId}`);
    expect(text).toContain("help@snacks.example");
    const [row] = await t.db.select().from(refundRequests).where(eq(refundRequests.id, request.id));
    expect(row?.decisionMailedAt).toBeInstanceOf(Date);
  });

  it("tells a rejection with the operator's reason and how to reach support", async () => {
    const { m, request } = await reported();
    await callerFor(t.db, m.owner).refundRequests.decide({ orgId: m.org.id, requestId: request.id, decision: "reject", reason: "The sensor saw the can drop." });
    expect(await sendDecisionMails(t.db, { smtpUrl, requestId: request.id })).toBe(1);
    const text = textOf(mails[0]!.data);
    expect(text).toContain(`Subject: ${m.org.name} declined your refund request`);
    expect(text).toContain("Their reason: The sensor saw the can drop.");
    expect(text).toContain(`write to ${m.org.name} at help@snacks.example`);
    expect(text).not.toContain("goes back to");
  });

  it("tells an approval by the org's rule why, and two senders at once send it once", async () => {
    const { request } = await reported({ failed: true, rule: true });
    expect(request.status).toBe("approved");
    const counts = await Promise.all([sendDecisionMails(t.db, { smtpUrl, requestId: request.id }), sendDecisionMails(t.db, { smtpUrl, requestId: request.id })]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(mails).toHaveLength(1);
    expect(textOf(mails[0]!.data)).toContain("Why: The machine logged a failed vend for this purchase at");
  });

  it("keeps a refused e-mail for the next sweep; pending requests and deployments without e-mail send nothing", async () => {
    const { m, request } = await reported();
    expect(await sendDecisionMails(t.db, { smtpUrl, requestId: request.id })).toBe(0);
    await callerFor(t.db, m.owner).refundRequests.decide({ orgId: m.org.id, requestId: request.id, decision: "approve" });
    expect(await sendDecisionMails(t.db, { requestId: request.id })).toBe(0);
    refuse = true;
    expect(await sendDecisionMails(t.db, { smtpUrl, requestId: request.id })).toBe(0);
    const [row] = await t.db.select().from(refundRequests).where(eq(refundRequests.id, request.id));
    expect(row?.decisionMailedAt).toBeNull();
    refuse = false;
    expect(await sendDecisionMails(t.db, { smtpUrl, requestId: request.id })).toBe(1);
    expect(mails).toHaveLength(1);
  });
});
