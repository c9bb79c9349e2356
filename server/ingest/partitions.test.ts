import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/db/client";
import { machineEvents, organizations, sales } from "~/db/schema";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { ensureEventPartitions, eventPartitionSizes, partitionName, retireEventPartitions } from "./partitions";

const monthIndex = (at: Date) => at.getUTCFullYear() * 12 + at.getUTCMonth();
const partitionOfDate = (at: Date) => partitionName(monthIndex(at));

async function partitions(t: TestDatabase): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    t.db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'public.machine_events'::regclass order by 1`,
  );
  return rows.map((r) => r.name);
}

/** Where each stored event of a machine sits: event id to partition. */
async function placement(t: TestDatabase, machineId: string): Promise<Record<string, string>> {
  const rows = await queryRows<{ id: string; partition: string }>(
    t.db,
    sql`select event_id as id, tableoid::regclass::text as partition from machine_events where machine_id = ${machineId}`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.partition]));
}

describe("events of a month without a partition", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("are accepted into the default partition, moved to their month's partition, and a resend is still a duplicate", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const now = new Date();
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 15, 12));
    const month = partitionOfDate(at);
    expect(await partitions(t)).not.toContain(month);

    const event = vend("A1", { at });
    const first = await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    expect(first.json.results).toEqual([{ id: event.id, status: "accepted" }]);
    expect(await placement(t, m.machine.id)).toEqual({ [event.id]: "machine_events_default" });

    const made = await ensureEventPartitions(t.db, { now });
    expect(made).toMatchObject({ rowsMoved: 1, timedOut: [] });
    expect(made.created).toContain(month);
    expect(await placement(t, m.machine.id)).toEqual({ [event.id]: month });
    expect(await queryRows(t.db, sql`select 1 from machine_events_default`)).toEqual([]);
    // Partitions made by the job are as closed to other orgs as the table.
    const [isolation] = await queryRows<{ forced: boolean; policies: number }>(
      t.db,
      sql`select c.relforcerowsecurity as forced, (select count(*)::int from pg_policies p where p.tablename = c.relname and p.policyname = 'org_isolation') as policies
        from pg_class c where c.relname = ${month}`,
    );
    expect(isolation).toEqual({ forced: true, policies: 1 });

    const again = await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    expect(again.json.results).toEqual([{ id: event.id, status: "duplicate" }]);
    expect(await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).toHaveLength(1);
    // Nothing left to do: a second run changes nothing.
    expect(await ensureEventPartitions(t.db, { now })).toEqual({ created: [], rowsMoved: 0, timedOut: [] });
  });

  it("resent across a month boundary after the next month's partitions exist are duplicates, with their effects once", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const event = vend("A1", { at: new Date("2026-01-31T23:59:59Z") });
    const first = await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    expect(first.json.results).toEqual([{ id: event.id, status: "accepted" }]);

    await ensureEventPartitions(t.db, { now: new Date("2026-02-01T00:00:00Z") });
    expect(await partitions(t)).toEqual(expect.arrayContaining(["machine_events_p202601", "machine_events_p202602", "machine_events_p202603"]));
    expect(await placement(t, m.machine.id)).toEqual({ [event.id]: "machine_events_p202601" });

    const again = await sendEvents(t.db, m.machine.id, m.secret, { events: [event, vend("A2", { at: new Date("2026-02-01T00:00:01Z") })] });
    expect(again.json.results?.map((r) => r.status)).toEqual(["duplicate", "accepted"]);
    const recorded = await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id));
    expect(recorded.map((s) => s.occurredAt.toISOString()).sort()).toEqual(["2026-01-31T23:59:59.000Z", "2026-02-01T00:00:01.000Z"]);
    expect(Object.values(await placement(t, m.machine.id)).sort()).toEqual(["machine_events_p202601", "machine_events_p202602"]);
  });
});

describe("event retention per organization", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("drops months past the longest retention, deletes a shorter-keeping org's older events and old events in the default", async () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const a = await createMachineWithPlanogram(t.db); // keeps 13 months, the default
    const b = await createMachineWithPlanogram(t.db);
    await t.db.update(organizations).set({ eventRetentionMonths: 2 }).where(eq(organizations.id, b.org.id));

    // Partitions for March to May 2025, as the job made them then; the rest arrives into the default.
    await ensureEventPartitions(t.db, { now: new Date("2025-03-01T00:00:00Z") });
    const at = ["2024-11-10", "2025-03-10", "2025-05-10", "2025-05-20", "2026-04-10", "2026-04-20", "2026-06-10"];
    const rows = [a, b].flatMap((m) =>
      at.map((day) => ({ machineId: m.machine.id, orgId: m.org.id, eventId: `${day}-${eventId()}`, type: "machine.heartbeat", occurredAt: new Date(`${day}T08:00:00Z`), data: {} })),
    );
    await t.db.insert(machineEvents).values(rows);
    const made = await ensureEventPartitions(t.db, { now });
    // November 2024 is past every org's retention: it stays in the default, to be deleted there.
    expect(made.created).toEqual(["machine_events_p202604", "machine_events_p202606", "machine_events_p202607", "machine_events_p202608"]);
    expect(await queryRows(t.db, sql`select event_id from machine_events_default`)).toHaveLength(2);

    const retired = await retireEventPartitions(t.db, { now });
    expect(retired).toEqual({ dropped: ["machine_events_p202503", "machine_events_p202504"], rowsDeleted: 5, timedOut: [], unfinished: false });
    const kept = async (m: typeof a) =>
      (await t.db.select({ at: machineEvents.occurredAt }).from(machineEvents).where(eq(machineEvents.machineId, m.machine.id)))
        .map((r) => r.at.toISOString().slice(0, 10))
        .sort();
    // 13 months back is 2025-05-15: May 2025 is kept whole until it is wholly past.
    expect(await kept(a)).toEqual(["2025-05-10", "2025-05-20", "2026-04-10", "2026-04-20", "2026-06-10"]);
    // 2 months back is 2026-04-15: four of its events go, the one in the default among them.
    expect(await kept(b)).toEqual(["2026-04-20", "2026-06-10"]);
    expect(await partitions(t)).not.toContain("machine_events_p202503");
    expect(await queryRows(t.db, sql`select 1 from machine_events_default`)).toEqual([]);

    expect(await retireEventPartitions(t.db, { now })).toEqual({ dropped: [], rowsDeleted: 0, timedOut: [], unfinished: false });
    expect((await ensureEventPartitions(t.db, { now })).created).toEqual([]);

    const sizes = await eventPartitionSizes(t.db);
    expect(sizes.map((s) => s.partition)).toEqual(await partitions(t).then((names) => [...names.filter((n) => n !== "machine_events_default"), "machine_events_default"]));
    const may = sizes.find((s) => s.partition === "machine_events_p202505")!;
    expect(may).toMatchObject({ month: "2025-05" });
    expect(may.indexes).toHaveLength(2);
    expect(may.indexBytes).toBe(may.indexes.reduce((sum, i) => sum + i.bytes, 0));
    expect(may.indexBytes).toBeGreaterThan(0);
  });
});

// PGlite runs one query at a time, so ingest beside a partition change is tested on the Postgres server.
describe.runIf(testDriver === "postgres")("partition changes while machines report", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("fail no request and leave every accepted event stored, while months are dropped, filled from the default and made", async () => {
    const now = new Date();
    const machines: Awaited<ReturnType<typeof createMachineWithPlanogram>>[] = [];
    for (let i = 0; i < 3; i++) machines.push(await createMachineWithPlanogram(t.db, { capacity: 500 }));
    const heartbeat = (m: (typeof machines)[number], at: Date) => ({ machineId: m.machine.id, orgId: m.org.id, eventId: eventId(), type: "machine.heartbeat", occurredAt: at, data: {} });
    // Three months two years back, one holding an event: all past the retention of 13 months.
    const old = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), 10));
    const made = await ensureEventPartitions(t.db, { now: old });
    expect(made.created).toHaveLength(3);
    // An event of half a year ago, in the default partition until its month is made.
    const halfYear = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 10));
    await t.db.insert(machineEvents).values([heartbeat(machines[0]!, old), heartbeat(machines[1]!, halfYear)]);

    let changing = true;
    const accepted = new Map<string, string[]>();
    const failures: unknown[] = [];
    const report = async (m: (typeof machines)[number]) => {
      const ids: string[] = [];
      accepted.set(m.machine.id, ids);
      // Within the machine rate limit (120 a minute), and on after the changes for a few more requests.
      for (let sent = 0, after = 0; sent < 100 && (changing || after++ < 5); sent++) {
        const events = [vend("A1"), vend("A2")];
        const res = await sendEvents(t.db, m.machine.id, m.secret, { events });
        const statuses = res.json.results?.map((r) => r.status);
        if (res.status !== 200 || statuses?.some((s) => s !== "accepted")) failures.push({ status: res.status, body: res.json });
        else ids.push(...events.map((e) => e.id));
      }
    };
    const reporting = Promise.all(machines.map(report));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const dropped: string[] = [];
    for (let run = 0; run < 5 && dropped.length < 3; run++) dropped.push(...(await retireEventPartitions(t.db, { now })).dropped);
    const filled = await ensureEventPartitions(t.db, { now });
    const ahead = await ensureEventPartitions(t.db, { now: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, 1)) });
    changing = false;
    await reporting;

    expect(failures).toEqual([]);
    expect(dropped.sort()).toEqual(made.created.sort());
    expect(await partitions(t)).not.toContain(made.created[0]);
    expect(filled).toEqual({ created: [partitionOfDate(halfYear)], rowsMoved: 1, timedOut: [] });
    expect(ahead.created).toHaveLength(3);
    for (const m of machines) {
      const ids = accepted.get(m.machine.id)!;
      expect(ids.length).toBeGreaterThan(0);
      const stored = await t.db
        .select({ id: machineEvents.eventId })
        .from(machineEvents)
        .where(and(eq(machineEvents.machineId, m.machine.id), inArray(machineEvents.eventId, ids)));
      expect(stored).toHaveLength(ids.length);
      expect(await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).toHaveLength(ids.length);
    }
  });

  it("gives up on a lock a long transaction holds, says so, and drops the month on the next run", async () => {
    const now = new Date();
    const old = new Date(Date.UTC(now.getUTCFullYear() - 3, now.getUTCMonth(), 10));
    const made = await ensureEventPartitions(t.db, { now: old, monthsAhead: 0 });
    expect(made.created).toEqual([partitionOfDate(old)]);
    // A long reader of the events, as a slow report would be, holds the table meanwhile.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`select count(*) from machine_events`);
      const started = Date.now();
      expect(await retireEventPartitions(t.db, { now })).toEqual({ dropped: [], rowsDeleted: 0, timedOut: made.created, unfinished: false });
      expect(Date.now() - started).toBeLessThan(5_000);
    });
    expect((await retireEventPartitions(t.db, { now })).dropped).toEqual(made.created);
  });
});
