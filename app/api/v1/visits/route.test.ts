import { describe, expect, it } from "vitest";
import { recordVisit } from "~/server/ingest";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { addMember } from "~/test/factories";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { withTenant } from "~/db/tenant";
import { memberContext, type ServiceCtx } from "~/server/context";
import { GET as getVisit } from "./[visitId]/route";
import { GET as listVisits } from "./route";

const db = apiTestDatabase();

interface VisitBody {
  id: string;
  machine_id: string;
  technician_id: string | null;
  technician_name: string | null;
  occurred_at: string;
  counts: { slot: string; quantity: number }[];
  replaced_counts: { slot: string; quantity: number }[] | null;
  undone_at: string | null;
  cash_collection_id: string | null;
  audit_id: string | null;
}
type Page = { data: VisitBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listVisits, `/visits${query}`, { key });
const one = (key: string, visitId: string) => callApi(getVisit, `/visits/${visitId}`, { key, params: { visitId } });

let visitKeys = 0;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** An org whose owner recorded two visits and a technician one (with cash counted), oldest first. */
async function orgWithVisits() {
  const m = await createMachineWithPlanogram(db().db);
  const tech = await addMember(db().db, m.org.id, "technician");
  const asTech = <T>(fn: (ctx: ServiceCtx) => Promise<T>) =>
    withTenant(db().db, { orgId: m.org.id, userId: tech.id }, (tx) => fn(memberContext(tx, { orgId: m.org.id, role: "technician", userId: tech.id, name: tech.name })));
  const key = () => `visit-${Date.now().toString(36)}-${++visitKeys}`;
  const a = await asOwner(db().db, m.org.id, m.owner.id, (ctx) => recordVisit(ctx, { machineId: m.machine.id, visitKey: key(), recordedAt: minutesAgo(30), counts: [{ slot: "A1", quantity: 8 }] }));
  const b = await asOwner(db().db, m.org.id, m.owner.id, (ctx) => recordVisit(ctx, { machineId: m.machine.id, visitKey: key(), recordedAt: minutesAgo(20), counts: [{ slot: "A2", quantity: 6 }] }));
  const c = await asTech((ctx) => recordVisit(ctx, { machineId: m.machine.id, visitKey: key(), recordedAt: minutesAgo(10), counts: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 9 }], cashCountedMinor: 1200 }));
  const apiKey = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, m.owner, m.org.id, scopes);
  return { ...m, tech, visits: [a.visit, b.visit, c.visit], key: apiKey };
}

describe("GET /api/v1/visits", () => {
  it("pages through the org's visits newest first, filters by machine, technician and time; 400 on bad input", async () => {
    const mine = await orgWithVisits();
    await orgWithVisits();
    const key = await mine.key("visits:read");
    const page1 = await okJson<Page>(await list(key, "?limit=2"));
    const page2 = await okJson<Page>(await list(key, `?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`));
    expect(page2.next_cursor).toBeNull();
    expect([...page1.data, ...page2.data].map((v) => v.id)).toEqual(mine.visits.map((v) => v.id).reverse());
    expect(page1.data[0]).toMatchObject({
      machine_id: mine.machine.id,
      technician_id: mine.tech.id,
      counts: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 9 }],
      undone_at: null,
      cash_collection_id: expect.any(String),
      audit_id: null,
    });

    expect((await okJson<Page>(await list(key, `?technician_id=${mine.tech.id}`))).data.map((v) => v.id)).toEqual([mine.visits[2]!.id]);
    expect((await okJson<Page>(await list(key, `?machine_id=${mine.machine.id}&from=${minutesAgo(25).toISOString()}&to=${minutesAgo(15).toISOString()}`))).data.map((v) => v.id)).toEqual([
      mine.visits[1]!.id,
    ]);
    const bad = await expectProblem(await list(key, `?from=${minutesAgo(1).toISOString()}&to=${minutesAgo(2).toISOString()}&technician_id=a%20b`), 400);
    expect(bad.errors).toHaveProperty("to");
    expect(bad.errors).toHaveProperty("technician_id");
  });

  it("shows another org's key none of them, and refuses a key without visits:read with 403", async () => {
    const mine = await orgWithVisits();
    const theirs = await orgWithVisits();
    const theirKey = await theirs.key("visits:read");
    const seen = (await okJson<Page>(await list(theirKey))).data.map((v) => v.id);
    expect(seen.some((id) => mine.visits.some((v) => v.id === id))).toBe(false);
    expect((await okJson<Page>(await list(theirKey, `?machine_id=${mine.machine.id}`))).data).toEqual([]);
    expect((await expectProblem(await list(await mine.key("audits:read")), 403)).detail).toContain("visits:read");
  });
});

describe("GET /api/v1/visits/{id}", () => {
  it("answers the visit with the slots counted and what they held before; 404 for another org's; 400 malformed", async () => {
    const mine = await orgWithVisits();
    const theirs = await orgWithVisits();
    const key = await mine.key("visits:read");
    const body = await okJson<VisitBody>(await one(key, mine.visits[0]!.id));
    expect(body).toMatchObject({ id: mine.visits[0]!.id, technician_id: mine.owner.id, counts: [{ slot: "A1", quantity: 8 }], replaced_counts: [{ slot: "A1", quantity: 0 }], cash_collection_id: null });
    await expectProblem(await one(key, theirs.visits[0]!.id), 404);
    expect((await expectProblem(await one(key, "v%20x"), 400)).errors).toHaveProperty("visit_id");
  });
});
