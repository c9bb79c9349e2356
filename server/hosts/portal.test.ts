import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, hostMembers, hostProblemReports } from "~/db/schema";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createUser } from "~/test/factories";
import { createHostFixture, insertSale, type HostFixture } from "~/test/host-portal";
import { countRows } from "~/test/rows";
import { callError } from "~/test/trpc-errors";
import { HOST_REPORTS_PER_HOUR } from "./portal-inputs";

let t: TestDatabase;
let f: HostFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createHostFixture(t.db);
});
afterAll(async () => {
  await t.drop();
});
rollbackEachTest(() => t);

describe("host invitations", () => {
  it("makes the invitee a host of the invitation's places, once", async () => {
    const user = await createUser(t.db);
    const { token, path } = await callerFor(t.db, f.manager).hostAccess.invite({ orgId: f.orgId, email: user.email, locationIds: [f.locationId, f.otherLocationId] });
    expect(path).toBe(`/host-invite/${token}`);
    const preview = await callerFor(t.db, null).hostPortal.preview({ token });
    expect(preview).toMatchObject({ email: user.email, status: "pending", locations: ["Hospital lobby", "Main station"] });
    const accepted = await callerFor(t.db, user).hostPortal.accept({ token });
    expect(accepted.locationIds.sort()).toEqual([f.locationId, f.otherLocationId].sort());
    expect(await countRows(t.db, hostMembers, eq(hostMembers.userId, user.id))).toBe(2);
    const again = await callError(callerFor(t.db, user).hostPortal.accept({ token }));
    expect(again).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already been used/) });
    expect((await callerFor(t.db, user).hostPortal.places()).map((p) => p.orgId)).toEqual([f.orgId]);
  });

  it("refuses another address, an expired and a withdrawn invitation", async () => {
    const invitee = await createUser(t.db);
    const stranger = await createUser(t.db);
    const asManager = callerFor(t.db, f.manager);
    const { token, invitation } = await asManager.hostAccess.invite({ orgId: f.orgId, email: invitee.email, locationIds: [f.locationId] });
    expect(await callError(callerFor(t.db, stranger).hostPortal.accept({ token }))).toMatchObject({ code: "FORBIDDEN" });

    await t.db.execute(sql`update host_invitations set expires_at = now() - interval '1 minute' where id = ${invitation.id}`);
    expect(await callError(callerFor(t.db, invitee).hostPortal.accept({ token }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });

    const second = await asManager.hostAccess.invite({ orgId: f.orgId, email: invitee.email, locationIds: [f.locationId] });
    await asManager.hostAccess.revokeInvitation({ orgId: f.orgId, invitationId: second.invitation.id });
    expect(await callError(callerFor(t.db, invitee).hostPortal.accept({ token: second.token }))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/withdrawn/) });
    expect(await countRows(t.db, hostMembers, eq(hostMembers.userId, invitee.id))).toBe(0);
    expect(await callError(callerFor(t.db, invitee).hostPortal.accept({ token: "x".repeat(40) }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a place of another org, and lists and removes a location's hosts", async () => {
    const refused = await callError(callerFor(t.db, f.manager).hostAccess.invite({ orgId: f.orgId, email: "host@example.test", locationIds: [f.orgB.locationId] }));
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
    const listed = await callerFor(t.db, f.manager).hostAccess.list({ orgId: f.orgId, locationId: f.locationId });
    expect(listed.hosts.map((h) => h.userId)).toEqual([f.host.id]);
    expect(listed.invitations[0]).toMatchObject({ email: f.host.email, status: "accepted" });
    await callerFor(t.db, f.manager).hostAccess.remove({ orgId: f.orgId, locationId: f.locationId, userId: f.host.id });
    expect(await callError(callerFor(t.db, f.host).hostPortal.overview({ org: f.orgSlug }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("what a host sees", () => {
  it("sees their own place's sales, machines and statements that are not drafts", async () => {
    const asHost = callerFor(t.db, f.host);
    const overview = await asHost.hostPortal.overview({ org: f.orgSlug });
    expect(overview.locations.map((l) => l.id)).toEqual([f.locationId]);
    expect(overview.locations[0]!.totals).toEqual([expect.objectContaining({ currency: "EUR", todayUnits: 1, todayMinor: 250, monthMinor: 250 })]);

    const place = await asHost.hostPortal.location({ org: f.orgId, locationId: f.locationId });
    expect(place.machines.map((m) => m.id)).toEqual([f.machineId]);
    expect(place.machines[0]).not.toHaveProperty("credentialsVersion");
    expect(place.statements.map((s) => s.id)).toEqual([f.statementId]);
    expect(place.totals[0]).toMatchObject({ monthUnits: 1, monthMinor: 250 });
  });

  it("counts last month apart from this month, in the org's time zone", async () => {
    const place0 = await callerFor(t.db, f.host).hostPortal.location({ org: f.orgSlug, locationId: f.locationId });
    const [y, m] = place0.thisMonth.split("-").map(Number) as [number, number];
    // 00:30 on the 1st in Berlin is still the previous month in UTC: it belongs to this month.
    const firstLocal = new Date(Date.UTC(y, m - 1, 1, 0, 30) - 60 * 60_000 * (m >= 4 && m <= 10 ? 2 : 1));
    await insertSale(t.db, { orgId: f.orgId, machineId: f.machineId, locationId: f.locationId, priceMinor: 100, at: firstLocal });
    await insertSale(t.db, { orgId: f.orgId, machineId: f.machineId, locationId: f.locationId, priceMinor: 300, at: new Date(firstLocal.getTime() - 60 * 60_000) });
    const place = await callerFor(t.db, f.host).hostPortal.location({ org: f.orgSlug, locationId: f.locationId });
    expect(place.totals[0]).toMatchObject({ monthMinor: 350, lastMonthMinor: 300, lastMonthUnits: 1 });
  });

  it("cannot see another place of the same org, nor any place of another org", async () => {
    const asHost = callerFor(t.db, f.host);
    expect(await callError(asHost.hostPortal.location({ org: f.orgSlug, locationId: f.otherLocationId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(asHost.hostPortal.location({ org: f.orgSlug, locationId: f.orgB.locationId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(asHost.hostPortal.overview({ org: f.orgB.orgSlug }))).toMatchObject({ code: "NOT_FOUND", message: "Place not found." });
    expect(await callError(asHost.hostPortal.location({ org: f.orgB.orgId, locationId: f.orgB.locationId }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is not a member: the operator's procedures refuse the host", async () => {
    const asHost = callerFor(t.db, f.host);
    expect(await callError(asHost.sales.list({ orgId: f.orgId }))).toMatchObject({ code: "NOT_FOUND", message: "Organization not found." });
    expect(await callError(asHost.machines.list({ orgId: f.orgId }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(asHost.locations.list({ orgId: f.orgId }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is a host only where invited: a member of the org who hosts nothing has no portal", async () => {
    const viewer = await addMember(t.db, f.orgId, "viewer");
    expect(await callError(callerFor(t.db, viewer).hostPortal.overview({ org: f.orgSlug }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(callerFor(t.db, null).hostPortal.overview({ org: f.orgSlug }))).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("can be a member of one org and a host of another", async () => {
    await addMember(t.db, f.orgB.orgId, "viewer", f.host);
    const asHost = callerFor(t.db, f.host);
    expect((await asHost.org.mine()).map((o) => o.id)).toEqual([f.orgB.orgId]);
    expect((await asHost.hostPortal.places()).map((p) => p.orgId)).toEqual([f.orgId]);
    expect(await callError(asHost.hostPortal.overview({ org: f.orgB.orgSlug }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a host's problem report", () => {
  it("reaches the operator as an alert on the machine, with the host's words", async () => {
    const asHost = callerFor(t.db, f.host);
    const report = await asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: "The coin slot is blocked" });
    expect(report.repeated).toBe(false);
    const list = await callerFor(t.db, f.manager).alerts.list({ orgId: f.orgId });
    const raised = JSON.stringify(list);
    expect(raised).toContain("host_report");
    const [alert] = await t.db.select().from(alerts).where(and(eq(alerts.orgId, f.orgId), eq(alerts.rule, "host_report")));
    expect(alert).toMatchObject({ machineId: f.machineId, status: "open", message: `${f.host.name} (host) reported: The coin slot is blocked` });

    // A double tap is one report; another problem counts on the same open alert.
    expect(await asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: "The coin slot is blocked" })).toMatchObject({ repeated: true, reportId: report.reportId });
    await asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: "The display is dark" });
    const [after] = await t.db.select().from(alerts).where(eq(alerts.id, alert!.id));
    expect(after!.count).toBe(2);
  });

  it("is refused for a machine of another place, and paced", async () => {
    const asHost = callerFor(t.db, f.host);
    for (const machineId of [f.otherMachineId, f.orgB.machineId]) {
      expect(await callError(asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId, text: "Broken" }))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await callError(asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: "  " }))).toMatchObject({ code: "BAD_REQUEST" });
    for (let i = 0; i < HOST_REPORTS_PER_HOUR; i++) await asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: `Problem number ${i}` });
    const paced = await callError(asHost.hostPortal.reportProblem({ org: f.orgSlug, machineId: f.machineId, text: "One more" }));
    expect(paced).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await countRows(t.db, hostProblemReports, eq(hostProblemReports.userId, f.host.id))).toBe(HOST_REPORTS_PER_HOUR);
  });
});
