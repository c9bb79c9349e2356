// The raw baseline of the ingest benchmark: the rows the product's ingest writes for each event,
// written straight with node-postgres (named prepared statements, no ORM, no HTTP, no signature,
// no tenant role), with what they need from the planogram cached in memory. It does no reads:
// no credentials, no duplicate check beyond ON CONFLICT, no rate-limit counter, no pending commands.
//   every event   machine_events row, machine_report_hours (on conflict do nothing), the machine's
//                 last seen and status (a heartbeat: its telemetry too)
//   vend          a sales row, the slot's stock less one
//   restock       every counted slot's stock, a service_visits row
//   fault         the machine's open alert raised or counted up, an alert_events row
//   fault cleared the open alert resolved, an alert_events row
// A batch writes the same rows in one transaction: COPY into machine_events and sales, then one
// statement each for report hours, slot stock (per slot touched), service visits and the machine.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { newId } from "../../db/ids";
import type { IngestFleet } from "./ingest-fleet";
import type { ProtocolEvent } from "./machine-traffic";

const HOUR_MS = 3_600_000;

interface SlotFacts {
  productId: string | null;
  costMinor: number;
}

interface MachineFacts {
  locationId: string | null;
  slots: Map<string, SlotFacts>;
}

const statements = {
  event: `insert into machine_events (machine_id, event_id, org_id, type, occurred_at, received_at, data)
    values ($1, $2, $3, $4, $5, $6, $7::jsonb) on conflict do nothing`,
  hour: `insert into machine_report_hours (org_id, machine_id, hour) values ($1, $2, $3) on conflict do nothing`,
  sale: `insert into sales (id, org_id, machine_id, event_id, location_id, slot_code, product_id, status, price_minor, cost_minor, currency,
      payment_method, payment_reference, occurred_at, received_at)
    values ($1, $2, $3, $4, $5, $6, $7, 'succeeded', $8, $9, $10, $11, $12, $13, $14) on conflict do nothing`,
  vendStock: `update slots set stock = greatest(stock - 1, 0), updated_at = now() where org_id = $1 and machine_id = $2 and code = $3`,
  restockStock: `update slots s set stock = v.quantity, stock_counted_at = $3, updated_at = now()
    from unnest($4::text[], $5::int[]) v(code, quantity) where s.org_id = $1 and s.machine_id = $2 and s.code = v.code`,
  visit: `insert into service_visits (id, org_id, machine_id, event_id, source, occurred_at, slots) values ($1, $2, $3, $4, 'machine', $5, $6::jsonb)`,
  raise: `with a as (
      insert into alerts (id, org_id, machine_id, rule, code, severity, message, data, first_seen_at, last_seen_at)
      values ($1, $2, $3, 'machine_fault', $4, $5, $6, '{}', $7, $7)
      on conflict (org_id, coalesce(machine_id, ''), rule, code) where status <> 'resolved'
      do update set count = alerts.count + 1, last_seen_at = greatest(alerts.last_seen_at, excluded.last_seen_at)
      returning id, (xmax = 0) as created)
    insert into alert_events (id, org_id, alert_id, type, actor_type, actor_id, actor_label)
    select $8, $2, a.id, case when a.created then 'raised' else 'repeated' end, 'machine', $3, null from a`,
  resolve: `with r as (
      update alerts set status = 'resolved', resolved_at = $4, resolution = 'auto'
      where org_id = $1 and machine_id = $2 and rule = 'machine_fault' and code = $3 and status <> 'resolved' returning id)
    insert into alert_events (id, org_id, alert_id, type, actor_type, actor_id) select $5, $1, r.id, 'auto_resolved', 'machine', $2 from r`,
  seen: `update machines set last_seen_at = greatest(last_seen_at, $3),
      status = case when disabled_at is not null then 'disabled'::machine_status else 'online'::machine_status end
    where org_id = $1 and id = $2`,
  telemetry: `update machines set last_seen_at = greatest(last_seen_at, $3),
      status = case when disabled_at is not null then 'disabled'::machine_status else 'online'::machine_status end,
      temperature_c = $4, door_open = $5, signal_dbm = $6, telemetry_at = greatest(telemetry_at, $7)
    where org_id = $1 and id = $2`,
  batchHours: `insert into machine_report_hours (org_id, machine_id, hour) select $1, $2, h from unnest($3::timestamptz[]) h on conflict do nothing`,
  batchStock: `update slots s set
      stock = greatest(case when v.counted then v.base else s.stock end - v.vends, 0),
      stock_counted_at = case when v.counted then v.counted_at else s.stock_counted_at end,
      updated_at = now()
    from unnest($3::text[], $4::bool[], $5::int[], $6::int[], $7::timestamptz[]) v(code, counted, base, vends, counted_at)
    where s.org_id = $1 and s.machine_id = $2 and s.code = v.code`,
  batchVisits: `insert into service_visits (id, org_id, machine_id, event_id, source, occurred_at, slots)
    select v.id, $1, $2, v.event_id, 'machine', v.at, v.slots from unnest($3::text[], $4::text[], $5::timestamptz[], $6::jsonb[]) v(id, event_id, at, slots)`,
} as const;

type Name = keyof typeof statements;

/** A transaction's statements: a named prepared statement, or a COPY of text-format rows. */
interface Statements {
  run(name: Name, values: unknown[]): Promise<void>;
  copy(target: string, rows: string): Promise<void>;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}
const copyRow = (fields: (string | number | null)[]) => `${fields.map(copyField).join("\t")}\n`;

type Vend = { slot: string; priceMinor: number; currency: string; payment: { method: string; reference?: string } };
type Restock = { slots: { slot: string; quantity: number }[] };
type Heartbeat = { temperatureC?: number; doorOpen?: boolean; signalDbm?: number };
type Fault = { code: string; severity: string; message?: string };

export class RawIngest {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly orgId: string,
    private readonly machines: Map<string, MachineFacts>,
  ) {}

  /** A pool of `connections` to `url` and the planogram facts of the fleet's machines. */
  static async open(url: string, fleet: IngestFleet, connections: number): Promise<RawIngest> {
    const pool = new pg.Pool({ connectionString: url, max: connections });
    pool.on("error", () => {}); // an idle connection dropped: the pool replaces it
    const machines = new Map<string, MachineFacts>();
    const { rows: machineRows } = await pool.query<{ id: string; location_id: string | null }>("select id, location_id from machines where org_id = $1", [fleet.orgId]);
    for (const m of machineRows) machines.set(m.id, { locationId: m.location_id, slots: new Map() });
    const { rows: slotRows } = await pool.query<{ machine_id: string; code: string; product_id: string | null; cost_minor: number | null }>(
      "select s.machine_id, s.code, s.product_id, p.cost_minor from slots s left join products p on p.id = s.product_id where s.org_id = $1",
      [fleet.orgId],
    );
    for (const s of slotRows) machines.get(s.machine_id)?.slots.set(s.code, { productId: s.product_id, costMinor: s.cost_minor ?? 0 });
    return new RawIngest(pool, fleet.orgId, machines);
  }

  close() {
    return this.pool.end();
  }

  /** Round trips of the last transaction, BEGIN and COMMIT included. */
  lastRoundTrips = 0;

  private async transaction(fn: (c: Statements) => Promise<void>) {
    const client = await this.pool.connect();
    let roundTrips = 0;
    const c: Statements = {
      run: async (name, values) => {
        roundTrips++;
        await client.query({ name: `bench_${name}`, text: statements[name], values });
      },
      copy: async (target, rows) => {
        roundTrips++;
        await pipeline(Readable.from([rows]), client.query(copyFrom(`copy ${target} from stdin`)));
      },
    };
    try {
      await client.query("begin");
      await fn(c);
      await client.query("commit");
      this.lastRoundTrips = roundTrips + 2;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** One event in one transaction, as a single-event request writes it. */
  async writeEvent(machineId: string, e: ProtocolEvent): Promise<void> {
    const { orgId } = this;
    const machine = this.machines.get(machineId)!;
    const receivedAt = new Date();
    const occurredAt = new Date(e.occurredAt);
    await this.transaction(async (c) => {
      await c.run("event", [machineId, e.id, orgId, e.type, occurredAt, receivedAt, JSON.stringify(e.data)]);
      await c.run("hour", [orgId, machineId, new Date(Math.floor(occurredAt.getTime() / HOUR_MS) * HOUR_MS)]);
      if (e.type === "vend.succeeded") {
        const d = e.data as Vend;
        const slot = machine.slots.get(d.slot);
        await c.run("sale", [newId("sal"), orgId, machineId, e.id, machine.locationId, d.slot, slot?.productId ?? null, d.priceMinor, slot?.costMinor ?? 0, d.currency, d.payment.method, d.payment.reference ?? null, occurredAt, receivedAt]);
        await c.run("vendStock", [orgId, machineId, d.slot]);
      } else if (e.type === "inventory.restocked") {
        const d = e.data as Restock;
        await c.run("restockStock", [orgId, machineId, occurredAt, d.slots.map((s) => s.slot), d.slots.map((s) => s.quantity)]);
        await c.run("visit", [newId("vis"), orgId, machineId, e.id, occurredAt, JSON.stringify(d.slots)]);
      } else if (e.type === "machine.fault") {
        const d = e.data as Fault;
        await c.run("raise", [newId("alr"), orgId, machineId, d.code, d.severity, d.message ?? "", occurredAt, newId("ale")]);
      } else if (e.type === "machine.fault_cleared") {
        await c.run("resolve", [orgId, machineId, (e.data as Fault).code, occurredAt, newId("ale")]);
      }
      if (e.type === "machine.heartbeat") {
        const d = e.data as Heartbeat;
        await c.run("telemetry", [orgId, machineId, receivedAt, d.temperatureC ?? null, d.doorOpen ?? null, d.signalDbm ?? null, occurredAt]);
      } else {
        await c.run("seen", [orgId, machineId, receivedAt]);
      }
    });
  }

  /**
   * One machine's batch (vends, heartbeats and restocks) in one transaction: COPY of the event and
   * sale rows, then one statement per kind of update.
   */
  async writeBatch(machineId: string, events: ProtocolEvent[]): Promise<void> {
    const { orgId } = this;
    const machine = this.machines.get(machineId)!;
    const receivedAt = new Date();
    const received = receivedAt.toISOString();
    let eventRows = "";
    let saleRows = "";
    const hours = new Set<number>();
    // Per slot: whether counted in this batch, the count, and vends since (or since the batch began).
    const stock = new Map<string, { counted: boolean; base: number; vends: number; countedAt: string | null }>();
    const visits: { id: string; eventId: string; at: string; slots: string }[] = [];
    let heartbeat: { e: ProtocolEvent; d: Heartbeat } | null = null;
    for (const e of events) {
      eventRows += copyRow([machineId, e.id, orgId, e.type, e.occurredAt, received, JSON.stringify(e.data)]);
      hours.add(Math.floor(Date.parse(e.occurredAt) / HOUR_MS) * HOUR_MS);
      if (e.type === "vend.succeeded") {
        const d = e.data as Vend;
        const slot = machine.slots.get(d.slot);
        saleRows += copyRow([newId("sal"), orgId, machineId, e.id, machine.locationId, d.slot, slot?.productId ?? null, "succeeded", d.priceMinor, slot?.costMinor ?? 0, d.currency, d.payment.method, d.payment.reference ?? null, e.occurredAt, received]);
        const s = stock.get(d.slot) ?? { counted: false, base: 0, vends: 0, countedAt: null };
        s.vends++;
        stock.set(d.slot, s);
      } else if (e.type === "inventory.restocked") {
        const d = e.data as Restock;
        for (const s of d.slots) stock.set(s.slot, { counted: true, base: s.quantity, vends: 0, countedAt: e.occurredAt });
        visits.push({ id: newId("vis"), eventId: e.id, at: e.occurredAt, slots: JSON.stringify(d.slots) });
      } else if (e.type === "machine.heartbeat" && (!heartbeat || e.occurredAt > heartbeat.e.occurredAt)) {
        heartbeat = { e, d: e.data as Heartbeat };
      } else if (e.type === "machine.fault" || e.type === "machine.fault_cleared") {
        throw new Error("the raw batch baseline writes vends, heartbeats and restocks only");
      }
    }
    const slots = [...stock.entries()];
    await this.transaction(async (c) => {
      await c.copy("machine_events (machine_id, event_id, org_id, type, occurred_at, received_at, data)", eventRows);
      if (saleRows) {
        await c.copy("sales (id, org_id, machine_id, event_id, location_id, slot_code, product_id, status, price_minor, cost_minor, currency, payment_method, payment_reference, occurred_at, received_at)", saleRows);
      }
      await c.run("batchHours", [orgId, machineId, [...hours].map((h) => new Date(h))]);
      if (slots.length > 0) {
        await c.run("batchStock", [orgId, machineId, slots.map(([code]) => code), slots.map(([, s]) => s.counted), slots.map(([, s]) => s.base), slots.map(([, s]) => s.vends), slots.map(([, s]) => s.countedAt)]);
      }
      if (visits.length > 0) {
        await c.run("batchVisits", [orgId, machineId, visits.map((v) => v.id), visits.map((v) => v.eventId), visits.map((v) => v.at), visits.map((v) => v.slots)]);
      }
      if (heartbeat) {
        const d = heartbeat.d;
        await c.run("telemetry", [orgId, machineId, receivedAt, d.temperatureC ?? null, d.doorOpen ?? null, d.signalDbm ?? null, heartbeat.e.occurredAt]);
      } else {
        await c.run("seen", [orgId, machineId, receivedAt]);
      }
    });
  }
}
