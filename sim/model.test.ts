import { describe, expect, it } from "vitest";
import { MachineModel, type MachineSpec, type TimedEvent } from "./model";
import { Random } from "./random";
import { localHour } from "./traffic";

const DAY = 86_400_000;
const start = Date.UTC(2026, 2, 2, 5); // a Monday, 06:00 in Berlin
const slots = Array.from({ length: 24 }, (_, i) => ({
  code: `${"ABCD"[Math.floor(i / 6)]}${(i % 6) + 1}`,
  priceMinor: 150 + (i % 4) * 50,
  capacity: 8,
  parLevel: 3,
  weight: 1 / (i + 1) ** 0.9,
}));
const spec = (kind: MachineSpec["kind"], overrides: Partial<MachineSpec> = {}): MachineSpec => ({
  kind,
  timeZone: "Europe/Berlin",
  currency: "EUR",
  slots,
  dailyVends: 40,
  coolingC: 4,
  ...overrides,
});
const run = (s: MachineSpec, days: number, options: { seed?: string; offlinePerDay?: number } = {}) =>
  new MachineModel(s, { seed: options.seed ?? "test", start, commission: true, heartbeatMinutes: 60, idPrefix: "t-", rates: { offlinePerDay: options.offlinePerDay } }).advance(
    start + days * DAY,
  );
const ofType = (events: TimedEvent[], type: string) => events.filter((e) => e.event.type === type);
const local = (e: TimedEvent) => localHour(Date.parse(e.event.occurredAt), "Europe/Berlin");

describe("the traffic model", () => {
  it("is deterministic from its seed", () => {
    expect(run(spec("office"), 14)).toEqual(run(spec("office"), 14));
    expect(run(spec("office"), 14, { seed: "other" })).not.toEqual(run(spec("office"), 14));
  });

  it("resumes from its saved state exactly where it left off", () => {
    const options = { seed: "resume", start, commission: true, heartbeatMinutes: 30, idPrefix: "r-" };
    const whole = new MachineModel(spec("station"), options).advance(start + 10 * DAY);
    const first = new MachineModel(spec("station"), options);
    const part1 = first.advance(start + 4 * DAY);
    const saved = JSON.parse(JSON.stringify(first.state)) as typeof first.state;
    const part2 = new MachineModel(spec("station"), options, saved).advance(start + 10 * DAY);
    expect([...part1, ...part2]).toEqual(whole);
  });

  it("gives every event a unique, protocol-valid id and an RFC 3339 time", () => {
    const events = run(spec("station"), 21, { offlinePerDay: 0.5 });
    const ids = events.map((e) => e.event.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of events) {
      expect(e.event.id).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
      expect(new Date(e.event.occurredAt).toISOString()).toBe(e.event.occurredAt);
      expect(e.deliverAt).toBeGreaterThanOrEqual(Date.parse(e.event.occurredAt));
    }
  });

  it("sells at an office on weekdays, hardly at weekends, and nothing at 3 am", () => {
    const vends = ofType(run(spec("office"), 28), "vend.succeeded");
    const weekday = vends.filter((e) => local(e).weekday < 5).length / 20;
    const weekend = vends.filter((e) => local(e).weekday >= 5).length / 8;
    expect(weekday).toBeGreaterThan(25);
    expect(weekend).toBeLessThan(weekday / 8);
    const byHour = (h: number) => vends.filter((e) => local(e).hour === h).length;
    expect(byHour(3)).toBe(0);
    expect(byHour(12)).toBeGreaterThan(byHour(10));
    expect(byHour(12)).toBeGreaterThan(byHour(19) * 5);
  });

  it("keeps a station busy at weekends, with rush hours and a quiet night", () => {
    const vends = ofType(run(spec("station"), 28), "vend.succeeded");
    const weekday = vends.filter((e) => local(e).weekday < 5).length / 20;
    const weekend = vends.filter((e) => local(e).weekday >= 5).length / 8;
    expect(weekend).toBeGreaterThan(weekday * 0.8);
    const byHour = (h: number) => vends.filter((e) => local(e).hour === h).length;
    expect(byHour(8)).toBeGreaterThan(byHour(3) * 10);
    expect(byHour(17)).toBeGreaterThan(byHour(14));
  });

  it("never vends from an empty slot, and restocks fill every slot to capacity", () => {
    const model = new MachineModel(spec("station", { dailyVends: 120 }), { seed: "stockout", start, commission: true, heartbeatMinutes: 120 });
    const events = model.advance(start + 30 * DAY);
    const stock = new Map<string, number>();
    let soldOut = 0;
    for (const { event } of events) {
      if (event.type === "inventory.restocked") {
        expect(event.data.slots).toEqual(slots.map((s) => ({ slot: s.code, quantity: s.capacity })));
        for (const s of event.data.slots) stock.set(s.slot, s.quantity);
      }
      if (event.type === "vend.succeeded") {
        expect(stock.get(event.data.slot)).toBeGreaterThan(0);
        stock.set(event.data.slot, stock.get(event.data.slot)! - 1);
      }
      if (event.type === "vend.failed" && event.data.reason === "sold_out") {
        expect(stock.get(event.data.slot)).toBe(0);
        soldOut++;
      }
    }
    expect(soldOut).toBeGreaterThan(0); // busy enough to run out between visits
    for (const s of slots) expect(model.stockOf(s.code)).toBe(stock.get(s.code));
  });

  it("fails 1-3 % of vends, refunds cash never by timeout, and takes prices from the planogram", () => {
    const events = run(spec("hospital"), 60);
    const vends = [...ofType(events, "vend.succeeded"), ...ofType(events, "vend.failed")];
    const failed = ofType(events, "vend.failed").filter((e) => e.event.type === "vend.failed" && e.event.data.reason !== "sold_out");
    expect(failed.length / vends.length).toBeGreaterThan(0.005);
    expect(failed.length / vends.length).toBeLessThan(0.03);
    const prices = new Map(slots.map((s) => [s.code, s.priceMinor]));
    const methods = new Set<string>();
    for (const { event } of vends) {
      if (event.type !== "vend.succeeded" && event.type !== "vend.failed") continue;
      methods.add(event.data.payment.method);
      expect(event.data.priceMinor).toBe(event.data.payment.method === "free" ? 0 : prices.get(event.data.slot));
      if (event.type === "vend.failed" && event.data.payment.method === "cash") expect(event.data.reason).not.toBe("timeout");
    }
    expect(methods).toEqual(new Set(["card", "cash", "free"]));
  });

  it("reports faults that are cleared later, collects cash after visits and keeps a drinks machine near 4 °C", () => {
    const events = run(spec("station"), 90);
    const faults = ofType(events, "machine.fault");
    const cleared = ofType(events, "machine.fault_cleared");
    expect(faults.length).toBeGreaterThan(2);
    expect(cleared.length).toBeGreaterThan(faults.length / 2);
    const visits = ofType(events, "inventory.restocked").length;
    expect(ofType(events, "cash.collected").length).toBeGreaterThan(visits * 0.8);
    const temps = ofType(events, "machine.heartbeat").map((e) => (e.event.data as { temperatureC: number }).temperatureC).sort((a, b) => a - b);
    expect(temps[Math.floor(temps.length / 2)]).toBeGreaterThan(3);
    expect(temps[Math.floor(temps.length / 2)]).toBeLessThan(5.5);
  });

  it("buffers what happens while offline and delivers it late, without heartbeats meanwhile", () => {
    const events = run(spec("station"), 30, { offlinePerDay: 0.5 });
    const late = events.filter((e) => e.deliverAt - Date.parse(e.event.occurredAt) > 5 * 60_000);
    expect(late.length).toBeGreaterThan(10);
    expect(late.filter((e) => e.event.type === "machine.heartbeat")).toEqual([]);
  });
});

describe("the seeded generator", () => {
  it("repeats its sequence from a seed or a saved state", () => {
    const a = new Random("seed");
    const first = [a.next(), a.next()];
    const resumed = new Random(a.state);
    expect([new Random("seed").next(), new Random("seed").next()]).toEqual([first[0], first[0]]);
    expect(resumed.next()).toBe(a.next());
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[a.weightedIndex([1, 2, 0])]!++;
    expect(counts[2]).toBe(0);
    expect(counts[1]! / counts[0]!).toBeGreaterThan(1.6);
    expect(counts[1]! / counts[0]!).toBeLessThan(2.4);
  });
});
