import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { machines, organizations } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { machineSilent } from "~/server/fleet";
import { announceAlerts, type AlertChange } from "./announce";
import { publishMachineStatusChanges } from "./machine-status-events";
import { raiseAlert } from "./raise";
import { getAlertSettings } from "./settings";

/**
 * Raises an offline alert for every enabled machine silent for longer than the org's threshold
 * (the fleet's one definition of offline; a machine that never reported is not offline).
 * The next event from the machine resolves it (see the ingest rules). Many machines going offline
 * at once (a network outage, a fresh start) make one summary notification per person, not many.
 */
export async function sweepOfflineMachines(ctx: ServiceCtx, now: Date): Promise<number> {
  const settings = await getAlertSettings(ctx);
  const silent = await ctx.db
    .select({ id: machines.id, lastSeenAt: machines.lastSeenAt, status: machines.status })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), isNull(machines.disabledAt), isNotNull(machines.lastSeenAt), machineSilent(now)));
  const changes: AlertChange[] = [];
  for (const m of silent) {
    const minutes = Math.round((now.getTime() - m.lastSeenAt!.getTime()) / 60_000);
    changes.push(
      await raiseAlert(ctx, {
        machineId: m.id,
        rule: "machine_offline",
        code: "offline",
        severity: "warning",
        at: now,
        data: { lastSeenAt: m.lastSeenAt!.toISOString(), silentMinutes: minutes, offlineMinutes: settings.offlineMinutes },
        mode: "state",
        notify: "defer",
      }),
    );
  }
  await announceAlerts(ctx, changes);
  // A machine whose offline alert is new went offline now (one still open was offline already).
  const wentOffline = new Set(changes.filter((c) => c.kind === "raised" || c.kind === "reopened").map((c) => c.alert.machineId));
  await publishMachineStatusChanges(ctx, { changes: silent.filter((m) => wentOffline.has(m.id)).map((m) => ({ machineId: m.id, previous: m.status })), at: now });
  return silent.length;
}

/**
 * Expected sales during a silence above which "no sales" is raised. Sales of a machine in an hour
 * are modelled as Poisson with the rate of that machine at that weekday and hour over the last
 * 8 weeks; the silence is unlikely when P(0 sales) = e^-expected is below 0.1 %, 1 % or 5 %.
 */
export const noSalesExpected = { low: 6.9, normal: 4.6, high: 3.0 } as const;
const HISTORY_DAYS = 56;
const MIN_HISTORY_DAYS = 14;

/** Raises "no sales" for online machines silent for much longer than their own history makes likely. */
export async function checkNoSales(ctx: ServiceCtx, now: Date): Promise<number> {
  const settings = await getAlertSettings(ctx);
  if (settings.noSalesSensitivity === "off") return 0;
  const threshold = noSalesExpected[settings.noSalesSensitivity];
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, ctx.orgId));
  const tz = org?.timeZone ?? "UTC";
  const at = now.toISOString();
  const online = new Date(now.getTime() - settings.offlineMinutes * 60_000).toISOString();
  const result = await ctx.db.execute(sql`
    with span as (
      select machine_id, max(occurred_at) as last_sale,
             greatest(1, least(${HISTORY_DAYS}, extract(epoch from ${at}::timestamptz - min(occurred_at)) / 86400) / 7.0) as weeks,
             min(occurred_at) as first_sale
      from sales
      where org_id = ${ctx.orgId} and status = 'succeeded'
        and occurred_at >= ${at}::timestamptz - make_interval(days => ${HISTORY_DAYS}) and occurred_at <= ${at}::timestamptz
      group by machine_id
    ), rates as (
      select s.machine_id, extract(isodow from s.occurred_at at time zone ${tz})::int as dow,
             extract(hour from s.occurred_at at time zone ${tz})::int as hr, count(*) / max(span.weeks) as rate
      from sales s join span on span.machine_id = s.machine_id
      where s.org_id = ${ctx.orgId} and s.status = 'succeeded'
        and s.occurred_at >= ${at}::timestamptz - make_interval(days => ${HISTORY_DAYS}) and s.occurred_at <= ${at}::timestamptz
      group by 1, 2, 3
    )
    select m.id, span.last_sale,
      (select coalesce(sum(r.rate), 0) from generate_series(date_trunc('hour', span.last_sale) + interval '1 hour',
          date_trunc('hour', ${at}::timestamptz) - interval '1 hour', interval '1 hour') as g(h)
        join rates r on r.machine_id = m.id and r.dow = extract(isodow from g.h at time zone ${tz})::int
          and r.hr = extract(hour from g.h at time zone ${tz})::int) as expected
    from machines m join span on span.machine_id = m.id
    where m.org_id = ${ctx.orgId} and m.disabled_at is null and m.last_seen_at >= ${online}::timestamptz
      and span.first_sale <= ${at}::timestamptz - make_interval(days => ${MIN_HISTORY_DAYS})
      and span.last_sale >= ${at}::timestamptz - interval '14 days'`);
  const rows = (result as unknown as { rows: { id: string; last_sale: string | Date; expected: string | number }[] }).rows;
  const changes: AlertChange[] = [];
  for (const row of rows) {
    const expected = Number(row.expected);
    if (expected < threshold) continue;
    const lastSale = new Date(row.last_sale);
    const hours = Math.round((now.getTime() - lastSale.getTime()) / 360_000) / 10;
    changes.push(
      await raiseAlert(ctx, {
        machineId: row.id,
        rule: "no_sales",
        code: "no_sales",
        severity: "warning",
        at: now,
        data: {
          lastSaleAt: lastSale.toISOString(),
          expected: Math.round(expected * 10) / 10,
          silentHours: hours,
          chanceOfNonePercent: Number((Math.exp(-expected) * 100).toPrecision(2)),
        },
        mode: "state",
        notify: "defer",
      }),
    );
  }
  await announceAlerts(ctx, changes);
  return rows.length;
}
