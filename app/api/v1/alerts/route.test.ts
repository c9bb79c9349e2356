import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { alerts, auditLog } from "~/db/schema";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { fault, timelineOf } from "~/test/alerts";
import { createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { POST as acknowledge } from "./[alertId]/acknowledge/route";
import { POST as resolve } from "./[alertId]/resolve/route";
import { GET as getAlert } from "./[alertId]/route";
import { GET as listAlerts } from "./route";

const db = apiTestDatabase();

interface AlertBody {
  id: string;
  machine_id: string | null;
  rule: string;
  code: string;
  severity: string;
  status: string;
  title: string;
  message: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  resolution: string | null;
  timeline?: { type: string; actor_type: string | null }[];
}
type Page = { data: AlertBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listAlerts, `/alerts${query}`, { key });
const one = (key: string, alertId: string) => callApi(getAlert, `/alerts/${alertId}`, { key, params: { alertId } });
const ack = (key: string, alertId: string, headers: Record<string, string> = {}) =>
  callApi(acknowledge, `/alerts/${alertId}/acknowledge`, { key, method: "POST", params: { alertId }, headers });
const resolveOne = (key: string, alertId: string, body?: unknown, headers: Record<string, string> = {}) =>
  callApi(resolve, `/alerts/${alertId}/resolve`, { key, method: "POST", params: { alertId }, body, headers });

/** An org with a machine that reported one fault per code (one open alert each). */
async function orgWithAlerts(codes: string[], severity: "warning" | "critical" = "warning") {
  const made = await createMachineWithPlanogram(db().db);
  if (codes.length) {
    const sent = await sendEvents(db().db, made.machine.id, made.secret, { events: codes.map((c) => fault(c, severity)) });
    expect(sent.status).toBe(200);
  }
  const rows = await db().db.select().from(alerts).where(eq(alerts.orgId, made.org.id));
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, made.owner, made.org.id, scopes);
  return { ...made, alerts: rows, key };
}

const auditEntries = (orgId: string, action: string) => db().db.select().from(auditLog).where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action)));

describe("GET /api/v1/alerts", () => {
  it("pages through the key's org's alerts only, newest first, with filters; bad input is 400", async () => {
    const mine = await orgWithAlerts(["E1", "E2", "E3"]);
    await orgWithAlerts(["X9"]);
    expect(mine.alerts).toHaveLength(3);
    const key = await mine.key("alerts:read");
    const page1 = await okJson<Page>(await list(key, "?limit=2"));
    expect(page1.data).toHaveLength(2);
    const page2 = await okJson<Page>(await list(key, `?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`));
    expect(page2.next_cursor).toBeNull();
    const all = [...page1.data, ...page2.data];
    expect(all.map((a) => a.id).sort()).toEqual(mine.alerts.map((a) => a.id).sort());
    expect(all.find((a) => a.code === "E1")).toMatchObject({ machine_id: mine.machine.id, rule: "machine_fault", severity: "warning", status: "open", title: "Machine fault E1", message: "E1 reported" });

    expect((await okJson<Page>(await list(key, `?machine_id=${mine.machine.id}&status=open&severity=warning`))).data).toHaveLength(3);
    expect((await okJson<Page>(await list(key, "?status=resolved"))).data).toEqual([]);
    expect((await okJson<Page>(await list(key, "?severity=critical"))).data).toEqual([]);
    expect((await okJson<Page>(await list(key, "?rule=low_stock"))).data).toEqual([]);

    const bad = await expectProblem(await list(key, "?status=closed&limit=0"), 400);
    expect(bad.errors).toHaveProperty("status");
    expect(bad.errors).toHaveProperty("limit");
    expect((await expectProblem(await list(key, "?cursor=garbage"), 400)).errors).toHaveProperty("cursor");
  });

  it("refuses a key without alerts:read with 403", async () => {
    const { key } = await orgWithAlerts([]);
    expect((await expectProblem(await list(await key("machines:read")), 403)).detail).toContain("alerts:read");
  });
});

describe("GET /api/v1/alerts/{id}", () => {
  it("answers the org's alert with its timeline, 404 for another org's, 400 for a malformed id", async () => {
    const mine = await orgWithAlerts(["E1"]);
    const theirs = await orgWithAlerts(["E7"]);
    const key = await mine.key("alerts:read");
    const body = await okJson<AlertBody>(await one(key, mine.alerts[0]!.id));
    expect(body).toMatchObject({ id: mine.alerts[0]!.id, code: "E1", status: "open" });
    expect(body.timeline![0]).toMatchObject({ type: "raised", actor_type: "machine" });
    await expectProblem(await one(key, theirs.alerts[0]!.id), 404);
    expect((await expectProblem(await one(key, "al$rt"), 400)).errors).toHaveProperty("alert_id");
  });
});

describe("POST /api/v1/alerts/{id}/acknowledge and /resolve", () => {
  it("acknowledges through the alerts lifecycle with the key as the actor; again is harmless", async () => {
    const mine = await orgWithAlerts(["E1"]);
    const alertId = mine.alerts[0]!.id;
    const key = await mine.key("alerts:read", "alerts:write");
    const first = await okJson<AlertBody>(await ack(key, alertId));
    expect(first).toMatchObject({ id: alertId, status: "acknowledged", acknowledged_at: expect.any(String) });
    expect(first.timeline!.at(-1)).toMatchObject({ type: "acknowledged", actor_type: "api_key" });
    const again = await okJson<AlertBody>(await ack(key, alertId));
    expect(again).toMatchObject({ status: "acknowledged", acknowledged_at: first.acknowledged_at });
    expect((await timelineOf(db().db, alertId)).filter((t) => t === "acknowledged")).toHaveLength(1);
  });

  it("replays an acknowledgement sent twice with one Idempotency-Key, and refuses the key on another request with 422", async () => {
    const mine = await orgWithAlerts(["E1", "E2"]);
    const [a, b] = mine.alerts;
    const key = await mine.key("alerts:write");
    const headers = { "idempotency-key": "ack-e1-0001" };
    const first = await ack(key, a!.id, headers);
    expect(first.status).toBe(200);
    const replay = await ack(key, a!.id, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual(await first.json());
    expect((await auditEntries(mine.org.id, "alert.acknowledged")).filter((e) => e.targetId === a!.id)).toHaveLength(1);
    // The same key on another alert is another request.
    await expectProblem(await ack(key, b!.id, headers), 422);
    const [untouched] = await db().db.select().from(alerts).where(eq(alerts.id, b!.id));
    expect(untouched!.status).toBe("open");

    const resolveHeaders = { "idempotency-key": "resolve-e2-0001" };
    expect((await resolveOne(key, b!.id, { note: "Fixed the coin mech" }, resolveHeaders)).status).toBe(200);
    const resolvedReplay = await resolveOne(key, b!.id, { note: "Fixed the coin mech" }, resolveHeaders);
    expect(resolvedReplay.headers.get("idempotent-replayed")).toBe("true");
    await expectProblem(await resolveOne(key, b!.id, { note: "Something else" }, resolveHeaders), 422);
    expect((await auditEntries(mine.org.id, "alert.resolved")).filter((e) => e.targetId === b!.id)).toHaveLength(1);
  });

  it("resolves with a note, resolving again changes nothing, and acknowledging a resolved alert is 409", async () => {
    const mine = await orgWithAlerts(["E1"]);
    const alertId = mine.alerts[0]!.id;
    const key = await mine.key("alerts:write");
    const resolved = await okJson<AlertBody>(await resolveOne(key, alertId, { note: "Reset the controller" }));
    expect(resolved).toMatchObject({ status: "resolved", resolution: "manual", resolved_at: expect.any(String) });
    expect(resolved.timeline!.at(-1)).toMatchObject({ type: "resolved", actor_type: "api_key" });
    const again = await okJson<AlertBody>(await resolveOne(key, alertId));
    expect(again.resolved_at).toBe(resolved.resolved_at);
    const conflict = await expectProblem(await ack(key, alertId), 409);
    expect(conflict.detail).toContain("already resolved");
    expect((await expectProblem(await resolveOne(key, alertId, { note: "x".repeat(501) }), 400)).errors).toHaveProperty("note");
    expect((await expectProblem(await resolveOne(key, alertId, { colour: "red" }), 400)).errors).toBeDefined();
  });

  it("refuses a read-only key with 403 and changes nothing; another org's alert is 404", async () => {
    const mine = await orgWithAlerts(["E1"]);
    const theirs = await orgWithAlerts(["E5"]);
    const alertId = mine.alerts[0]!.id;
    const reader = await mine.key("alerts:read");
    expect((await expectProblem(await ack(reader, alertId), 403)).detail).toContain("alerts:write");
    await expectProblem(await resolveOne(reader, alertId), 403);
    const writer = await mine.key("alerts:write");
    await expectProblem(await ack(writer, theirs.alerts[0]!.id), 404);
    await expectProblem(await resolveOne(writer, theirs.alerts[0]!.id), 404);
    const rows = await db().db.select().from(alerts).where(eq(alerts.orgId, mine.org.id));
    const other = await db().db.select().from(alerts).where(eq(alerts.orgId, theirs.org.id));
    expect([...rows, ...other].map((a) => a.status)).toEqual(["open", "open"]);
  });
});
