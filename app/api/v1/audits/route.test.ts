import { describe, expect, it } from "vitest";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { dexBytes, localNow, sendAudit, type TestAudit } from "~/test/dex";
import { createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { GET as getDex } from "./[auditId]/dex/route";
import { GET as getAudit } from "./[auditId]/route";
import { GET as listAudits } from "./route";

const db = apiTestDatabase();

interface SaleBody {
  selection: string;
  slot_code: string | null;
  units: number | null;
  recorded_units: number | null;
  missed: number | null;
  flag: string | null;
}
interface AuditBody {
  id: string;
  machine_id: string;
  source: string;
  read_at: string;
  paid_count: number | null;
  paid_value_minor: number | null;
  crc: string;
  quality: { code: string }[];
  missed_vends: number;
  has_findings: boolean;
  selections?: { selection: string | null; paid_count: number | null }[];
  sales?: SaleBody[];
  findings?: SaleBody[];
}
type Page = { data: AuditBody[]; next_cursor: string | null };

const list = (key: string, query = "") => callApi(listAudits, `/audits${query}`, { key });
const one = (key: string, auditId: string) => callApi(getAudit, `/audits/${auditId}`, { key, params: { auditId } });
const dex = (key: string, auditId: string) => callApi(getDex, `/audits/${auditId}/dex`, { key, params: { auditId } });

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
type Machine = Awaited<ReturnType<typeof createMachineWithPlanogram>>;

async function upload(m: Machine, audit: TestAudit) {
  const res = await sendAudit(db().db, m.machine.id, m.secret, dexBytes({ serial: m.machine.serial, ...audit }));
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.audit!;
}

const firstRead: TestAudit = {
  paid: { count: 120, value: 28000 },
  selections: [
    { selection: "11", price: 250, count: 100 },
    { selection: "12", price: 150, count: 20 },
  ],
};
// Five more vends on 11 (A1) where telemetry recorded two: three missed.
const secondRead: TestAudit = {
  paid: { count: 125, value: 29250 },
  selections: [
    { selection: "11", price: 250, count: 105 },
    { selection: "12", price: 150, count: 20 },
  ],
};

/** A machine read twice: a clean first read, then one where telemetry missed three vends on A1. */
async function orgWithAudits() {
  const m = await createMachineWithPlanogram(db().db, { capacity: 50 });
  await sendEvents(db().db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 40 }, { slot: "A2", quantity: 40 }], minutesAgo(30))] });
  const first = await upload(m, { ...localNow(minutesAgo(20)), ...firstRead });
  await sendEvents(db().db, m.machine.id, m.secret, { events: [vend("A1", { at: minutesAgo(10) }), vend("A1", { at: minutesAgo(9) })] });
  const second = await upload(m, { ...localNow(minutesAgo(1)), ...secondRead });
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, m.owner, m.org.id, scopes);
  return { ...m, first, second, key };
}

describe("GET /api/v1/audits", () => {
  it("pages through the org's audits newest read first, with findings, filters and 400 on bad input", async () => {
    const mine = await orgWithAudits();
    await orgWithAudits();
    const key = await mine.key("audits:read");
    const page1 = await okJson<Page>(await list(key, "?limit=1"));
    expect(page1.data.map((a) => a.id)).toEqual([mine.second.id]);
    const page2 = await okJson<Page>(await list(key, `?limit=1&cursor=${encodeURIComponent(page1.next_cursor!)}`));
    expect(page2.data.map((a) => a.id)).toEqual([mine.first.id]);
    expect(page2.next_cursor).toBeNull();
    expect(page1.data[0]).toMatchObject({ machine_id: mine.machine.id, source: "machine", paid_count: 125, paid_value_minor: 29250, crc: "ok", missed_vends: 3, has_findings: true });
    expect(page2.data[0]).toMatchObject({ paid_count: 120, missed_vends: 0, has_findings: false, quality: [] });

    expect((await okJson<Page>(await list(key, "?has_findings=true"))).data.map((a) => a.id)).toEqual([mine.second.id]);
    expect((await okJson<Page>(await list(key, "?has_findings=false"))).data.map((a) => a.id)).toEqual([mine.first.id]);
    expect((await okJson<Page>(await list(key, `?machine_id=${mine.machine.id}&from=${minutesAgo(15).toISOString()}`))).data.map((a) => a.id)).toEqual([mine.second.id]);
    expect((await okJson<Page>(await list(key, `?to=${minutesAgo(15).toISOString()}`))).data.map((a) => a.id)).toEqual([mine.first.id]);

    const bad = await expectProblem(await list(key, "?has_findings=maybe&from=2026-13-01T00:00:00Z"), 400);
    expect(bad.errors).toHaveProperty("has_findings");
    expect(bad.errors).toHaveProperty("from");
  });

  it("shows another org's key none of them, and refuses a key without audits:read with 403", async () => {
    const mine = await orgWithAudits();
    const theirs = await orgWithAudits();
    const theirKey = await theirs.key("audits:read");
    const seen = (await okJson<Page>(await list(theirKey))).data.map((a) => a.id);
    expect(seen).not.toContain(mine.first.id);
    expect(seen).not.toContain(mine.second.id);
    expect((await okJson<Page>(await list(theirKey, `?machine_id=${mine.machine.id}`))).data).toEqual([]);
    expect((await expectProblem(await list(await mine.key("visits:read")), 403)).detail).toContain("audits:read");
    await expectProblem(await one(await mine.key("cash:read"), mine.first.id), 403);
  });
});

describe("GET /api/v1/audits/{id} and /dex", () => {
  it("answers the audit with its counters, sales since the read before and findings; the file as text", async () => {
    const mine = await orgWithAudits();
    const theirs = await orgWithAudits();
    const key = await mine.key("audits:read");
    const body = await okJson<AuditBody>(await one(key, mine.second.id));
    expect(body.selections).toEqual([
      { selection: "11", price_minor: 250, paid_count: 105, paid_value_minor: 26250 },
      { selection: "12", price_minor: 150, paid_count: 20, paid_value_minor: 3000 },
    ]);
    expect(body.sales).toEqual([
      expect.objectContaining({ selection: "11", slot_code: "A1", units: 5, recorded_units: 2, missed: 3, flag: null }),
      expect.objectContaining({ selection: "12", slot_code: "A2", units: 0, recorded_units: 0, missed: 0, flag: null }),
    ]);
    expect(body.findings!.map((f) => f.selection)).toEqual(["11"]);
    expect(body).toMatchObject({ missed_vends: 3, has_findings: true });
    await expectProblem(await one(key, theirs.first.id), 404);
    expect((await expectProblem(await one(key, "../x"), 400)).errors).toHaveProperty("audit_id");

    const file = await dex(key, mine.first.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const text = await file.text();
    expect(text).toContain("PA1*11*250");
    expect(text.startsWith("DXS*")).toBe(true);
    await expectProblem(await dex(key, theirs.first.id), 404);
    await expectProblem(await dex(await mine.key("cash:read"), mine.first.id), 403);
  });
});
