import pg from "pg";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/db/client";
import { alerts, machineEvents } from "~/db/schema";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { fault } from "~/test/alerts";
import { abortedTransactionsRetried } from "./events-request";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a batch's transaction that Postgres aborts", () => {
  it("runs again after a deadlock or a serialization failure, and not after any other error", async () => {
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    let calls = 0;
    expect(await abortedTransactionsRetried(async () => (++calls < 3 ? Promise.reject(new Error("query failed", { cause: deadlock })) : "done"))).toBe("done");
    expect(calls).toBe(3);

    calls = 0;
    const serialization = Object.assign(new Error("could not serialize"), { code: "40001" });
    await expect(abortedTransactionsRetried(async () => (++calls, Promise.reject(serialization)))).rejects.toBe(serialization);
    expect(calls).toBe(3);

    calls = 0;
    const unique = Object.assign(new Error("duplicate key"), { code: "23505" });
    await expect(abortedTransactionsRetried(async () => (++calls, Promise.reject(unique)))).rejects.toBe(unique);
    expect(calls).toBe(1);
  });

  // A second connection that deadlocks with the request needs the Postgres server.
  it.runIf(testDriver === "postgres")("is answered 200 with every event accepted when it deadlocked with another transaction", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const first = await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("E42", "warning", new Date(Date.now() - 60_000))] });
    expect(first.status).toBe(200);
    const [open] = await t.db.select({ id: alerts.id }).from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.code, "E42")));

    // Another transaction holds the machine's alert, and then wants the machine's row, which the
    // batch locks first and holds while it waits for the alert: a deadlock Postgres breaks by
    // aborting the one that waited longest, the batch.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("select id from alerts where id = $1 for update", [open!.id]);
      const again = fault("E42", "warning", new Date());
      const request = sendEvents(t.db, m.machine.id, m.secret, { events: [again] });
      // Once the batch waits for the alert:
      for (let waited = 0; ; waited += 20) {
        const [waiting] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (waiting!.n > 0) break;
        if (waited > 10_000) throw new Error("the batch never waited for the alert");
        await pause(20);
      }
      const otherOutcome = other.query("select id from machines where id = $1 for update", [m.machine.id]).then(
        () => "locked",
        (error: { code?: string }) => error.code ?? "failed",
      );
      // The batch, waiting longest, is aborted and this one gets the row; the batch's transaction runs again once it is done.
      expect(await otherOutcome).toBe("locked");
      await other.query("commit");
      const answer = await request;
      expect(answer.status).toBe(200);
      expect(answer.json.results).toEqual([{ id: again.id, status: "accepted" }]);
      expect(await t.db.select().from(machineEvents).where(and(eq(machineEvents.machineId, m.machine.id), eq(machineEvents.eventId, again.id)))).toHaveLength(1);
    } finally {
      await other.end();
    }
  });
});
