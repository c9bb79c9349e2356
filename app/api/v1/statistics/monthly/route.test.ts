import { describe, expect, it } from "vitest";
import { withTenant } from "~/db/tenant";
import { refreshOrgAnalytics } from "~/server/analytics";
import { machineContext } from "~/server/context";
import { ingestBatch } from "~/server/ingest";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { GET as getMonthly } from "./route";

const db = apiTestDatabase();

interface Figures {
  revenue_minor: number;
  units: number;
  failed_vends: number;
  uptime: number | null;
}
interface MonthlyBody {
  month: string;
  time_zone: string;
  currency: string;
  totals: Figures & { tickets: number; average_ticket_minor: number };
  machines: (Figures & { machine_id: string; name: string })[];
  previous_month: Figures | null;
  partial: boolean;
  stale: boolean;
  generated_at: string;
}

const monthly = (key: string, query: string) => callApi(getMonthly, `/statistics/monthly${query}`, { key });

/** The 15th at noon UTC of the month `back` months before this one, and that month as YYYY-MM. */
function monthsBack(back: number) {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 15, 12));
  return { at, month: at.toISOString().slice(0, 7) };
}

/** A machine that sold two Colas and failed one vend two months ago, with the months since written. */
async function orgWithStatistics() {
  const m = await createMachineWithPlanogram(db().db);
  const { at, month } = monthsBack(2);
  const events = [restock([{ slot: "A1", quantity: 10 }], new Date(at.getTime() - 3_600_000)), vend("A1", { at }), vend("A1", { at: new Date(at.getTime() + 60_000) }), vend("A2", { at, ok: false })];
  await withTenant(db().db, { orgId: m.org.id }, (tx) =>
    ingestBatch(machineContext(tx, { orgId: m.org.id, machineId: m.machine.id }), { machineId: m.machine.id, events, receivedAt: new Date(at.getTime() + 120_000) }),
  );
  const written = await refreshOrgAnalytics(db().db, m.org.id);
  expect(written).toContain(`${month}-01`);
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, m.owner, m.org.id, scopes);
  return { ...m, month, key };
}

describe("GET /api/v1/statistics/monthly", () => {
  it("answers a closed month's org totals and per-machine figures", async () => {
    const mine = await orgWithStatistics();
    const key = await mine.key("statistics:read");
    const body = await okJson<MonthlyBody>(await monthly(key, `?month=${mine.month}`));
    expect(body).toMatchObject({ month: mine.month, time_zone: "Europe/Berlin", currency: "EUR", stale: false, generated_at: expect.any(String) });
    expect(body.totals).toMatchObject({ revenue_minor: 500, units: 2, tickets: 2, average_ticket_minor: 250, failed_vends: 1 });
    expect(body.machines).toEqual([expect.objectContaining({ machine_id: mine.machine.id, name: "Station hall 1", revenue_minor: 500, units: 2, failed_vends: 1 })]);
    // The month after had no sales: its statistics exist, with nothing sold.
    const next = await okJson<MonthlyBody>(await monthly(key, `?month=${monthsBack(1).month}`));
    expect(next.totals.units).toBe(0);
  });

  it("answers 404 for a month without statistics and for another org's, 400 for a bad month, 403 without the scope", async () => {
    const mine = await orgWithStatistics();
    const theirs = await orgWithStatistics();
    const key = await mine.key("statistics:read");
    const open = await expectProblem(await monthly(key, `?month=${monthsBack(0).month}`), 404);
    expect(open.detail).toContain("closed");
    await expectProblem(await monthly(key, `?month=${monthsBack(30).month}`), 404);
    // Another org's key reads its own statistics, never this org's machines.
    const theirBody = await okJson<MonthlyBody>(await monthly(await theirs.key("statistics:read"), `?month=${theirs.month}`));
    expect(theirBody.machines.map((m) => m.machine_id)).toEqual([theirs.machine.id]);
    expect((await expectProblem(await monthly(key, "?month=2026-13"), 400)).errors).toHaveProperty("month");
    expect((await expectProblem(await monthly(key, ""), 400)).errors).toHaveProperty("month");
    expect((await expectProblem(await monthly(await mine.key("plans:read"), `?month=${mine.month}`), 403)).detail).toContain("statistics:read");
  });
});
