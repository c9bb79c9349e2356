import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog } from "~/db/schema";
import { fault } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function machineWithFaults(codes: string[]) {
  const m = await createMachineWithPlanogram(t.db);
  await sendEvents(t.db, m.machine.id, m.secret, { events: codes.map((c) => fault(c)) });
  const rows = await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id)).orderBy(alerts.code);
  expect(rows.map((a) => a.code)).toEqual([...codes].sort());
  return { ...m, alertIds: rows.map((a) => a.id) };
}

const statuses = async (ids: string[]) =>
  Object.fromEntries((await t.db.select({ id: alerts.id, status: alerts.status, assigneeId: alerts.assigneeId }).from(alerts).where(inArray(alerts.id, ids))).map((a) => [a.id, a]));

const auditedActions = async (orgId: string, action: string) =>
  (await t.db.select({ targetId: auditLog.targetId, data: auditLog.data }).from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)))).sort((a, b) =>
    // The same order as Array.prototype.sort() gives the ids it is compared with (code units, not locale).
    String(a.targetId) < String(b.targetId) ? -1 : String(a.targetId) > String(b.targetId) ? 1 : 0,
  );

describe("bulk acknowledge and resolve", () => {
  it("change exactly the alerts given, audit each, and change nothing on a repeat", async () => {
    const m = await machineWithFaults(["E1", "E2", "E3"]);
    const [a, b, c] = m.alertIds as [string, string, string];
    const tech = await addMember(t.db, m.org.id, "technician");
    const api = callerFor(t.db, tech);

    expect(await api.alerts.acknowledgeMany({ orgId: m.org.id, alertIds: [a, b] })).toEqual({ changed: [a, b].sort() });
    let now = await statuses([a, b, c]);
    expect(now[a]).toMatchObject({ status: "acknowledged", assigneeId: tech.id });
    expect(now[b]).toMatchObject({ status: "acknowledged", assigneeId: tech.id });
    expect(now[c]).toMatchObject({ status: "open", assigneeId: null });
    expect((await auditedActions(m.org.id, "alert.acknowledged")).map((x) => x.targetId)).toEqual([a, b].sort());
    // A repeat changes nothing and audits nothing more.
    expect(await api.alerts.acknowledgeMany({ orgId: m.org.id, alertIds: [a, b, a] })).toEqual({ changed: [] });
    expect(await auditedActions(m.org.id, "alert.acknowledged")).toHaveLength(2);

    expect(await api.alerts.resolveMany({ orgId: m.org.id, alertIds: [b, c], note: "Cleared on site" })).toEqual({ changed: [b, c].sort() });
    now = await statuses([a, b, c]);
    expect([now[a]!.status, now[b]!.status, now[c]!.status]).toEqual(["acknowledged", "resolved", "resolved"]);
    const resolved = await auditedActions(m.org.id, "alert.resolved");
    expect(resolved).toEqual([b, c].sort().map((id) => ({ targetId: id, data: { note: "Cleared on site" } })));
    expect(await api.alerts.resolveMany({ orgId: m.org.id, alertIds: [b, c] })).toEqual({ changed: [] });
    expect(await auditedActions(m.org.id, "alert.resolved")).toHaveLength(2);
    // Acknowledging resolved alerts in bulk leaves them resolved.
    expect(await api.alerts.acknowledgeMany({ orgId: m.org.id, alertIds: [b] })).toEqual({ changed: [] });
    expect((await statuses([b]))[b]!.status).toBe("resolved");
  });

  it("refuse the whole call when one id is another org's, changing nothing; viewers may not", async () => {
    const mine = await machineWithFaults(["E1", "E2"]);
    const theirs = await machineWithFaults(["E9"]);
    const api = callerFor(t.db, mine.owner);
    const ids = [...mine.alertIds, theirs.alertIds[0]!];
    expect(await callError(api.alerts.acknowledgeMany({ orgId: mine.org.id, alertIds: ids }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await callError(api.alerts.resolveMany({ orgId: mine.org.id, alertIds: ids }))).toMatchObject({ code: "NOT_FOUND" });
    const after = await statuses(ids);
    expect(Object.values(after).map((a) => a.status)).toEqual(["open", "open", "open"]);
    expect(await auditedActions(mine.org.id, "alert.acknowledged")).toEqual([]);
    expect(await auditedActions(theirs.org.id, "alert.resolved")).toEqual([]);

    expect(await callError(api.alerts.resolveMany({ orgId: mine.org.id, alertIds: Array.from({ length: 201 }, (_, i) => `a${i}`) }))).toMatchObject({ code: "BAD_REQUEST" });
    const viewer = await addMember(t.db, mine.org.id, "viewer");
    expect(await callError(callerFor(t.db, viewer).alerts.resolveMany({ orgId: mine.org.id, alertIds: mine.alertIds }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
