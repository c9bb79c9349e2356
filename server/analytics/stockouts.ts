import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { newId } from "~/db/ids";
import type { ServiceCtx } from "~/server/context";

/**
 * An event of a machine's batch as ingest accepted it. Only successful vends (`data.slot`) and
 * restocks (`data.slots` with quantities) move a slot's stock; the rest pass by.
 */
export interface AcceptedMachineEvent {
  type: string;
  occurredAt: Date;
  data: unknown;
}
type VendData = { slot: string };
type RestockData = { slots: readonly { slot: string; quantity: number }[] };

interface SlotMoves {
  /** The latest successful vend of the batch: the one that left the slot empty, if it is empty. */
  lastVendAt: Date | null;
  /** The latest restock of the batch with a quantity above zero. */
  lastRefillAt: Date | null;
}

/** The latest vend and refill per slot in a batch of newly accepted events. */
function slotMovesOf(events: readonly AcceptedMachineEvent[]): Map<string, SlotMoves> {
  const moves = new Map<string, SlotMoves>();
  const of = (code: string) => {
    let m = moves.get(code);
    if (!m) moves.set(code, (m = { lastVendAt: null, lastRefillAt: null }));
    return m;
  };
  for (const e of events) {
    if (e.type === "vend.succeeded") {
      const m = of((e.data as VendData).slot);
      if (!m.lastVendAt || e.occurredAt > m.lastVendAt) m.lastVendAt = e.occurredAt;
    } else if (e.type === "inventory.restocked") {
      for (const s of (e.data as RestockData).slots) {
        if (s.quantity <= 0) continue;
        const m = of(s.slot);
        if (!m.lastRefillAt || e.occurredAt > m.lastRefillAt) m.lastRefillAt = e.occurredAt;
      }
    }
  }
  return moves;
}

/**
 * Keeps slot_stockouts in step with a machine's slots after a batch's stock changes: a slot a vend
 * left at zero opens a period (at most one open per slot, by a unique key, so repeats do nothing);
 * a slot a restock refilled closes its open period. A statement of the ingest script, after the stock statements.
 */
export function stockoutsStatement(ctx: ServiceCtx, input: { machineId: string; events: readonly AcceptedMachineEvent[] }): SQL | null {
  const { machineId } = input;
  const moves = slotMovesOf(input.events);
  if (moves.size === 0) return null;
  const rows = [...moves].map(([slot, m]) => ({
    id: newId("sto"),
    slot,
    vendAt: m.lastVendAt?.toISOString() ?? null,
    refillAt: m.lastRefillAt?.toISOString() ?? null,
  }));
  const moveRows = JSON.stringify(rows);
  return sql`
    with moves as (
      select * from jsonb_to_recordset(${moveRows}::jsonb) as m(id text, slot text, "vendAt" timestamptz, "refillAt" timestamptz)
    ), slot_now as (
      select m.*, s.stock, s.product_id from moves m
      join slots s on s.org_id = ${ctx.orgId} and s.machine_id = ${machineId} and s.code = m.slot
    ), closed as (
      update slot_stockouts o set ended_at = greatest(o.started_at, n."refillAt"), changed_xid = pg_current_xact_id()
      from slot_now n
      where o.org_id = ${ctx.orgId} and o.machine_id = ${machineId} and o.slot_code = n.slot and o.ended_at is null
        and n.stock > 0 and n."refillAt" is not null
      returning o.id
    )
    insert into slot_stockouts (id, org_id, machine_id, slot_code, product_id, started_at)
    select n.id, ${ctx.orgId}, ${machineId}, n.slot, n.product_id, n."vendAt" from slot_now n
    where n.stock <= 0 and n."vendAt" is not null
    on conflict (machine_id, slot_code) where ended_at is null do nothing`;
}
