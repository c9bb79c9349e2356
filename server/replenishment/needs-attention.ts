// The home page's exception list: each machine that needs someone once, with its reasons, and the
// plan's two headline figures. Read-only: it reads alerts, machines, slots and cash where they are.
import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import { alertText } from "~/server/alerts";
import { fleetExpectedCash } from "~/server/cash";
import type { ServiceCtx } from "~/server/context";
import { renderMessage, type Message, type MessageParams } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { formatMoney, toMinor } from "~/server/money";
import { formatDay } from "~/server/time";
import { attentionKinds, CASH_BOX_FULL_MAJOR, type AttentionReason, type MachineNeedingAttention, type NeedsAttention, type ReplenishmentSettings } from "./contract";
import { replenishmentTexts as texts } from "./explanations";
import { planFleet, planSlotOf, type PlannedMachine } from "./fleet-plan";
import { todaysAcceptance } from "./plan-acceptance";
import { planForVisitDays } from "./plan-math";

/** Expected loss before the first visit below this (minor units) is noise, not an overdue visit. */
const OVERDUE_LOSS_MINOR = 50;

/**
 * The loss before the first planned visit that makes the visit late. Below the cost of a visit, the
 * plan chose to wait because an earlier visit would cost more than it saves: that is the plan doing
 * its job, not something for a person to act on. Above it, a day off, the cut-off or a full route
 * holds the visit back, and someone may want to move it.
 */
const overdueThreshold = (visitCostMinor: number) => Math.max(OVERDUE_LOSS_MINOR, visitCostMinor);

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

interface MachineRow {
  id: string;
  name: string;
  location_name: string | null;
  status: string;
  /** Never reported over the protocol but known from DEX audits: no heartbeat is expected. */
  audits_only: boolean;
  alerts: { id: string; rule: string; code: string; severity: AttentionReason["severity"]; message: string; data: Record<string, unknown> }[] | null;
  sold_out: string[] | null;
}

/** Machines (not disabled) with their open alerts of the rules shown here and their sold-out slots, in one query. */
function machineFacts(ctx: ServiceCtx) {
  return queryRows<MachineRow>(
    ctx.db,
    sql`select m.id, m.name, l.name as location_name, m.status::text as status,
        (m.last_seen_at is null and exists (select 1 from machine_audits au where au.org_id = ${ctx.orgId} and au.machine_id = m.id)) as audits_only,
        (select json_agg(json_build_object('id', a.id, 'rule', a.rule, 'code', a.code, 'severity', a.severity, 'message', a.message, 'data', a.data) order by a.last_seen_at desc)
          from alerts a where a.org_id = ${ctx.orgId} and a.machine_id = m.id and a.status <> 'resolved'
            and a.rule in ('machine_offline', 'machine_fault', 'refund_failed', 'audit_missed_vends')) as alerts,
        (select array_agg(s.code order by s.code) from slots s
          where s.org_id = ${ctx.orgId} and s.machine_id = m.id and s.product_id is not null and s.capacity > 0 and s.stock <= 0) as sold_out
      from machines m left join locations l on l.id = m.location_id
      where m.org_id = ${ctx.orgId} and m.disabled_at is null and m.status <> 'disabled'`,
  );
}

/** The plan's loss avoided by visiting only today, against no visit at all (never below 0). */
function savedByTodaysVisit(m: PlannedMachine, settings: Pick<ReplenishmentSettings, "visitCostMinor" | "fillTo" | "emptySlotHourMinor">): number {
  if (m.plan.visitDays[0] !== 0) return 0;
  const lostWithout = m.plan.days.at(-1)?.lostIfNotVisitedMinor ?? 0;
  const input = {
    slots: m.slots.map(planSlotOf),
    visitCostMinor: settings.visitCostMinor,
    fillTo: settings.fillTo,
    emptySlotHourMinor: settings.emptySlotHourMinor,
  };
  const lostWithToday = planForVisitDays(input, [0]).expectedLostMinor;
  return Math.min(lostWithout, Math.max(0, lostWithout - lostWithToday));
}

/** A visit that comes after the machine starts losing sales: the expected loss by the first visit's day. */
function overdueVisit(m: PlannedMachine, currency: string, visitCostMinor: number, locale?: Locale): AttentionReason | null {
  const first = m.plan.visitDays[0];
  if (first === undefined) return null;
  const lostBy = first === 0 ? 0 : (m.plan.days[first - 1]?.lostIfNotVisitedMinor ?? 0);
  if (lostBy < overdueThreshold(visitCostMinor)) return null;
  return {
    kind: "visit_overdue",
    text: renderMessage(texts.attention_visit_overdue, { day: formatDay(m.visitDates[0]!, false, locale), amount: formatMoney(lostBy, currency, { locale }) }, locale),
    severity: "warning",
    action: { label: renderMessage(texts.action_open_plan, {}, locale), path: "plans" },
  };
}

/**
 * What needs someone now, most urgent first: machines down, faults, failed refunds, sold-out
 * slots, visits that come too late, full cash boxes and audits with findings; each machine once.
 * With the headline figures of the plan: the lost margin over the week if nothing is done, and
 * what today's visits save of it. Texts read in `locale` (English when left out).
 */
export async function needsAttention(ctx: ServiceCtx, input: { now?: Date; locale?: Locale } = {}): Promise<NeedsAttention> {
  const locale = input.locale;
  const say = (message: Message, params: MessageParams = {}) => renderMessage(message, params, locale);
  // One after another: the reads share the caller's transaction (one connection).
  const fleet = await planFleet(ctx, { now: input.now });
  const facts = await machineFacts(ctx);
  const cash = await fleetExpectedCash(ctx);
  const currency = fleet.settings.currency;
  const cashFullMinor = toMinor(CASH_BOX_FULL_MAJOR, currency);

  const reasons = new Map<string, AttentionReason[]>();
  const add = (machineId: string, r: AttentionReason) => {
    const list = reasons.get(machineId);
    if (list) list.push(r);
    else reasons.set(machineId, [r]);
  };
  for (const m of facts) {
    const machinePath = `machines/${m.id}`;
    const alerts = m.alerts ?? [];
    const offline = alerts.find((a) => a.rule === "machine_offline");
    if (offline || (m.status === "offline" && !m.audits_only)) {
      add(m.id, {
        kind: "offline",
        text: offline ? alertText(offline, locale) : say(texts.attention_offline),
        severity: "critical",
        action: offline ? { label: say(texts.action_see_alert), path: `alerts/${offline.id}` } : { label: say(texts.action_open_machine), path: machinePath },
      });
    }
    const faults = alerts.filter((a) => a.rule === "machine_fault");
    for (const a of faults) add(m.id, { kind: "fault", text: alertText(a, locale), severity: a.severity, action: { label: say(texts.action_see_fault), path: `alerts/${a.id}` } });
    if (faults.length === 0 && m.status === "fault") {
      add(m.id, { kind: "fault", text: say(texts.attention_fault), severity: "warning", action: { label: say(texts.action_open_machine), path: machinePath } });
    }
    for (const a of alerts.filter((a) => a.rule === "refund_failed")) {
      add(m.id, { kind: "refund_failed", text: alertText(a, locale), severity: "critical", action: { label: say(texts.action_retry_refund), path: "refunds?status=failed" } });
    }
    const soldOut = m.sold_out ?? [];
    if (soldOut.length > 0) {
      add(m.id, {
        kind: "sold_out",
        text: say(soldOut.length === 1 ? texts.attention_sold_out_one : texts.attention_sold_out_many, {
          count: soldOut.length,
          slots: `${soldOut.slice(0, 6).join(", ")}${soldOut.length > 6 ? "…" : ""}`,
        }),
        severity: "warning",
        action: { label: say(texts.action_open_machine), path: machinePath },
      });
    }
    for (const a of alerts.filter((a) => a.rule === "audit_missed_vends")) {
      add(m.id, { kind: "audit_findings", text: alertText(a, locale), severity: "warning", action: { label: say(texts.action_see_finding), path: `alerts/${a.id}` } });
    }
  }
  const known = new Map(facts.map((m) => [m.id, m]));
  for (const c of cash) {
    if (!known.has(c.machineId) || c.currency !== currency || c.expectedMinor < cashFullMinor) continue;
    add(c.machineId, {
      kind: "cash_full",
      text: say(texts.attention_cash_full, { amount: formatMoney(c.expectedMinor, currency, { locale }) }),
      severity: "info",
      action: { label: say(texts.action_record_collection), path: "cash" },
    });
  }
  let atRiskMinor = 0;
  let savedTodayMinor = 0;
  let visitsToday = 0;
  for (const m of fleet.machines) {
    if (!known.has(m.machineId)) continue;
    atRiskMinor += m.plan.days.at(-1)?.lostIfNotVisitedMinor ?? 0;
    savedTodayMinor += savedByTodaysVisit(m, fleet.settings);
    if (m.plan.visitDays[0] === 0) visitsToday++;
    const overdue = overdueVisit(m, currency, fleet.settings.visitCostMinor, locale);
    if (overdue) add(m.machineId, overdue);
  }

  const rank = (r: AttentionReason) => attentionKinds.indexOf(r.kind) * 3 + SEVERITY_ORDER[r.severity];
  const machines: MachineNeedingAttention[] = facts
    .filter((m) => reasons.has(m.id))
    .map((m) => ({ machineId: m.id, name: m.name, locationName: m.location_name, reasons: reasons.get(m.id)!.sort((a, b) => rank(a) - rank(b)) }))
    .sort((a, b) => rank(a.reasons[0]!) - rank(b.reasons[0]!) || b.reasons.length - a.reasons.length || a.name.localeCompare(b.name));
  const acceptance = await todaysAcceptance(ctx, { today: fleet.today });
  return { today: fleet.today, currency, atRiskMinor, savedTodayMinor, visitsToday, machines, acceptance };
}
