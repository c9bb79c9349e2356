import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { newId } from "~/db/ids";
import { auditSales, auditSelectionSlots, machineAudits, machines, organizations, sales, slots, type AuditSelectionCounters, type MachineAuditRow } from "~/db/schema";
import { getAlertSettings, raiseAlert, resolveAlert } from "~/server/alerts";
import type { ServiceCtx } from "~/server/context";
import { queueIntegratorEvent } from "~/server/notifications";
import { zonedInstant } from "~/server/time";
import type { AuditAnswer } from "./contract";
import { matchSlot, salesBetween, selectionsByNumber } from "./differences";
import { countersOf, crossChecks, detailsOf, type AuditFacts } from "./quality";

export interface StoreAuditInput {
  machineId: string;
  raw: Uint8Array;
  /** sha256 of the DEX content (wrapper and trailer excluded, line endings normalised): the duplicate key. */
  contentHash: string;
  facts: AuditFacts;
  source: "machine" | "upload" | "visit";
  uploadedBy?: string | null;
  visitId?: string | null;
  fileName?: string | null;
  receivedAt?: Date;
}

export interface StoredAudit {
  status: "accepted" | "duplicate";
  audit: MachineAuditRow;
  /** The machine has no telemetry, and this audit is its newest: its sales are to be inferred from it. */
  inferSales: boolean;
}

/**
 * Keeps an audit of a machine: once per DEX content (a repeat answers with the stored audit), with
 * its raw bytes, its read time in the org's zone, and quality notes from the file and from the
 * machine's other audits (serial changed, counters that went back, a repeated read, totals that
 * disagree). Then takes the sales between it and its neighbours per selection, maps selections to
 * slots, compares them with what telemetry recorded and raises or resolves the missed-vends alert.
 */
export async function storeAudit(ctx: ServiceCtx, input: StoreAuditInput): Promise<StoredAudit> {
  const receivedAt = input.receivedAt ?? new Date();
  const existing = await findByContent(ctx, input.machineId, input.contentHash);
  if (existing) return { status: "duplicate", audit: existing, inferSales: false };

  const [machine] = await ctx.db
    .select({ serial: machines.serial, lastSeenAt: machines.lastSeenAt, timeZone: organizations.timeZone, currency: organizations.currency })
    .from(machines)
    .innerJoin(organizations, eq(organizations.id, machines.orgId))
    .where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, input.machineId)));
  if (!machine) throw new Error(`machine ${input.machineId} not in org ${ctx.orgId}`);

  const { facts } = input;
  const readAt = facts.readAt ? zonedInstant(facts.readAt, machine.timeZone) : receivedAt;
  const [previous] = await ctx.db
    .select()
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.machineId, input.machineId), lt(machineAudits.readAt, readAt)))
    .orderBy(desc(machineAudits.readAt))
    .limit(1);
  const quality = [...facts.quality, ...crossChecks(facts, { readAt, receivedAt, previous: previous ?? null, machine, source: input.source })];

  const [inserted] = await ctx.db
    .insert(machineAudits)
    .values({
      id: newId("aud"),
      orgId: ctx.orgId,
      machineId: input.machineId,
      contentHash: input.contentHash,
      source: input.source,
      uploadedBy: input.uploadedBy ?? null,
      visitId: input.visitId ?? null,
      fileName: input.fileName ?? null,
      raw: input.raw,
      machineSerial: facts.machineSerial,
      readAtLocal: facts.readAt,
      readAt,
      decimals: facts.decimals,
      currency: facts.currency,
      paidCount: facts.paidVends.count,
      paidValueMinor: facts.paidVends.valueMinor,
      cashSalesMinor: facts.cashSalesMinor,
      cashlessSalesMinor: facts.cashlessSalesMinor,
      selections: facts.selections,
      crc: facts.crc,
      quality,
      details: detailsOf(facts),
      receivedAt,
    })
    .onConflictDoNothing({ target: [machineAudits.machineId, machineAudits.contentHash] })
    .returning();
  if (!inserted) {
    // Another upload of the same content won the race: answer with it.
    const stored = await findByContent(ctx, input.machineId, input.contentHash);
    return { status: "duplicate", audit: stored!, inferSales: false };
  }
  await queueIntegratorEvent(ctx, {
    type: "audit.recorded",
    data: {
      audit_id: inserted.id,
      machine_id: inserted.machineId,
      source: inserted.source,
      read_at: inserted.readAt.toISOString(),
      received_at: inserted.receivedAt.toISOString(),
      currency: inserted.currency,
      paid_count: inserted.paidCount,
      paid_value_minor: inserted.paidValueMinor,
      cash_sales_minor: inserted.cashSalesMinor,
      cashless_sales_minor: inserted.cashlessSalesMinor,
      crc: inserted.crc,
    },
  });

  // The audit after this one, if it arrived earlier (an older file uploaded late), differs from it now.
  const [next] = await ctx.db
    .select()
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.machineId, input.machineId), gt(machineAudits.readAt, readAt)))
    .orderBy(asc(machineAudits.readAt))
    .limit(1);
  await mapNewSelections(ctx, input.machineId, facts.selections);
  await refreshAuditSales(ctx, { machineId: input.machineId, audit: inserted, previous: previous ?? null, telemetry: machine.lastSeenAt !== null });
  if (next) await refreshAuditSales(ctx, { machineId: input.machineId, audit: next, previous: inserted, telemetry: machine.lastSeenAt !== null });
  if (!next && machine.lastSeenAt !== null) await reconcile(ctx, inserted);
  return { status: "accepted", audit: inserted, inferSales: !next && previous !== undefined && machine.lastSeenAt === null };
}

async function findByContent(ctx: ServiceCtx, machineId: string, contentHash: string) {
  const [row] = await ctx.db
    .select()
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.machineId, machineId), eq(machineAudits.contentHash, contentHash)));
  return row ?? null;
}

/** Maps the selections the machine has not had before to the slots they match; known ones stay as they are. */
async function mapNewSelections(ctx: ServiceCtx, machineId: string, selections: AuditSelectionCounters[]) {
  const numbers = [...selectionsByNumber(selections).keys()];
  if (numbers.length === 0) return;
  const planogram = await ctx.db.select({ code: slots.code }).from(slots).where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machineId)));
  const codes = planogram.map((s) => s.code);
  await ctx.db
    .insert(auditSelectionSlots)
    .values(numbers.map((selection) => ({ orgId: ctx.orgId, machineId, selection, slotCode: matchSlot(selection, codes), source: "auto" as const })))
    .onConflictDoNothing();
  // Selections that matched nothing before may match a slot added since.
  const unmatched = await ctx.db
    .select({ selection: auditSelectionSlots.selection })
    .from(auditSelectionSlots)
    .where(and(eq(auditSelectionSlots.orgId, ctx.orgId), eq(auditSelectionSlots.machineId, machineId), isNull(auditSelectionSlots.slotCode), eq(auditSelectionSlots.source, "auto")));
  for (const { selection } of unmatched) {
    const slotCode = matchSlot(selection, codes);
    if (!slotCode) continue;
    await ctx.db
      .update(auditSelectionSlots)
      .set({ slotCode, updatedAt: sql`now()` })
      .where(and(eq(auditSelectionSlots.orgId, ctx.orgId), eq(auditSelectionSlots.machineId, machineId), eq(auditSelectionSlots.selection, selection)));
  }
}

/** The machine's selection → slot map. */
export async function selectionSlots(ctx: ServiceCtx, machineId: string): Promise<Map<string, string | null>> {
  const rows = await ctx.db
    .select({ selection: auditSelectionSlots.selection, slotCode: auditSelectionSlots.slotCode })
    .from(auditSelectionSlots)
    .where(and(eq(auditSelectionSlots.orgId, ctx.orgId), eq(auditSelectionSlots.machineId, machineId)));
  return new Map(rows.map((r) => [r.selection, r.slotCode]));
}

/**
 * (Re)writes the sales between an audit and the one before it, per selection, with the slot each
 * maps to and, for a machine with telemetry, the successful vends it recorded on that slot in the
 * period (inferred sales are not telemetry).
 */
export async function refreshAuditSales(
  ctx: ServiceCtx,
  input: { machineId: string; audit: MachineAuditRow; previous: MachineAuditRow | null; telemetry: boolean },
): Promise<void> {
  const { machineId, audit, previous } = input;
  const between = salesBetween(previous ? countersOf(previous) : null, countersOf(audit));
  const map = await selectionSlots(ctx, machineId);
  const periodStart = previous?.readAt ?? null;
  const recorded = new Map<string, number>();
  if (input.telemetry && periodStart) {
    const rows = await ctx.db
      .select({ slot: sales.slotCode, n: sql<number>`count(*)::int` })
      .from(sales)
      .where(
        and(
          eq(sales.orgId, ctx.orgId),
          eq(sales.machineId, machineId),
          eq(sales.status, "succeeded"),
          eq(sales.inferred, false),
          // Audits count paid vends (PA2); free vends are counted apart.
          ne(sales.paymentMethod, "free"),
          gt(sales.occurredAt, periodStart),
          sql`${sales.occurredAt} <= ${audit.readAt.toISOString()}::timestamptz`,
        ),
      )
      .groupBy(sales.slotCode);
    for (const r of rows) recorded.set(r.slot, Number(r.n));
  }
  await ctx.db.delete(auditSales).where(and(eq(auditSales.orgId, ctx.orgId), eq(auditSales.auditId, audit.id)));
  if (between.selections.length === 0) return;
  await ctx.db.insert(auditSales).values(
    between.selections.map((s) => {
      const slotCode = map.get(s.selection) ?? null;
      return {
        auditId: audit.id,
        selection: s.selection,
        orgId: ctx.orgId,
        machineId,
        previousAuditId: previous?.id ?? null,
        slotCode,
        periodStart,
        periodEnd: audit.readAt,
        units: s.units,
        valueMinor: s.valueMinor,
        flag: s.flag,
        recordedUnits: input.telemetry && periodStart && slotCode ? (recorded.get(slotCode) ?? 0) : null,
      };
    }),
  );
}

/**
 * Compares the newest audit's sales per slot with what telemetry recorded since the audit before:
 * a slot where the audit counts at least the org's threshold more vends than were reported opens
 * (or repeats) a "vends missing from telemetry" alert; slots now within it resolve theirs.
 */
export async function reconcile(ctx: ServiceCtx, audit: MachineAuditRow): Promise<void> {
  const rows = await ctx.db
    .select()
    .from(auditSales)
    .where(and(eq(auditSales.orgId, ctx.orgId), eq(auditSales.auditId, audit.id)));
  const comparable = rows.filter((r) => r.slotCode !== null && r.units !== null && r.recordedUnits !== null && r.flag !== "reset");
  if (comparable.length === 0) return;
  const { auditMissedVends } = await getAlertSettings(ctx);
  const bySlot = new Map<string, { units: number; recorded: number; since: Date | null }>();
  for (const r of comparable) {
    const slot = bySlot.get(r.slotCode!) ?? { units: 0, recorded: r.recordedUnits!, since: r.periodStart };
    slot.units += r.units!;
    bySlot.set(r.slotCode!, slot);
  }
  const within: string[] = [];
  for (const [slot, s] of bySlot) {
    const missed = s.units - s.recorded;
    if (missed >= auditMissedVends) {
      await raiseAlert(ctx, {
        machineId: audit.machineId,
        rule: "audit_missed_vends",
        code: slot,
        severity: "warning",
        at: audit.readAt,
        data: { slot, missed, auditUnits: s.units, recordedUnits: s.recorded, since: s.since?.toISOString() ?? null, auditId: audit.id },
      });
    } else {
      within.push(slot);
    }
  }
  await resolveAlert(ctx, { machineId: audit.machineId, rule: "audit_missed_vends", code: within, at: audit.readAt });
}

/** The upload contract's answer for a stored audit. */
export function answerOf(audit: MachineAuditRow, status: "accepted" | "duplicate"): AuditAnswer {
  return {
    id: audit.id,
    status,
    machineSerial: audit.machineSerial,
    readAt: audit.readAtLocal,
    decimals: audit.decimals,
    currency: audit.currency,
    paidVends: { count: audit.paidCount, valueMinor: audit.paidValueMinor },
    cashSalesMinor: audit.cashSalesMinor,
    cashlessSalesMinor: audit.cashlessSalesMinor,
    selections: audit.selections,
    crc: audit.crc,
    quality: audit.quality,
    machineId: audit.machineId,
    receivedAt: audit.receivedAt.toISOString(),
  };
}

/** Machines whose serial is one of these, for matching uploaded files. */
export async function machinesBySerial(ctx: ServiceCtx, serials: string[]) {
  if (serials.length === 0) return [];
  return ctx.db
    .select({ id: machines.id, name: machines.name, serial: machines.serial })
    .from(machines)
    .where(and(eq(machines.orgId, ctx.orgId), inArray(machines.serial, serials)));
}

// Used by listing code to skip the raw bytes.
export const auditListColumns = {
  id: machineAudits.id,
  machineId: machineAudits.machineId,
  source: machineAudits.source,
  fileName: machineAudits.fileName,
  machineSerial: machineAudits.machineSerial,
  readAtLocal: machineAudits.readAtLocal,
  readAt: machineAudits.readAt,
  decimals: machineAudits.decimals,
  currency: machineAudits.currency,
  paidCount: machineAudits.paidCount,
  paidValueMinor: machineAudits.paidValueMinor,
  cashSalesMinor: machineAudits.cashSalesMinor,
  cashlessSalesMinor: machineAudits.cashlessSalesMinor,
  crc: machineAudits.crc,
  quality: machineAudits.quality,
  receivedAt: machineAudits.receivedAt,
};
