import "server-only";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { auditSales, auditSelectionSlots, machineAudits, machines, slots, users } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { fieldError, ServiceError } from "~/server/errors";
import { getMachine } from "~/server/fleet";
import type { Locale } from "~/server/i18n/locales";
import { recordAudit } from "~/server/tenancy";
import { auditInput, auditsMessages, listAuditsInput, selectionMapInput, setSelectionMapInput } from "./contract";
import { notesIn } from "./quality-notes";
import { auditListColumns, refreshAuditSales } from "./store";

/** Audits, newest read first, of one machine or the whole fleet, without their raw bytes. */
export async function listAudits(ctx: ServiceCtx, raw: z.input<typeof listAuditsInput> = {}) {
  const input = listAuditsInput.parse(raw);
  if (input.machineId) await getMachine(ctx, input.machineId);
  let before: Date | null = null;
  if (input.before) {
    const [row] = await ctx.db.select({ readAt: machineAudits.readAt }).from(machineAudits).where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.id, input.before)));
    before = row?.readAt ?? null;
  }
  const rows = await ctx.db
    .select({ ...auditListColumns, machineName: machines.name, uploadedByName: users.name })
    .from(machineAudits)
    .innerJoin(machines, eq(machines.id, machineAudits.machineId))
    .leftJoin(users, eq(users.id, machineAudits.uploadedBy))
    .where(
      and(
        eq(machineAudits.orgId, ctx.orgId),
        input.machineId ? eq(machineAudits.machineId, input.machineId) : undefined,
        before ? lt(machineAudits.readAt, before) : undefined,
      ),
    )
    .orderBy(desc(machineAudits.readAt), desc(machineAudits.id))
    .limit(input.limit + 1);
  const summaries = await salesSummaries(ctx, rows.map((r) => r.id));
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, ...(summaries.get(r.id) ?? emptySummary) }));
  return { items, nextBefore: rows.length > input.limit ? items.at(-1)!.id : null };
}

const emptySummary = { unitsSinceLast: null as number | null, missedVends: 0, unmappedSelections: 0, flaggedSelections: 0 };

/** Per audit: units sold since the previous read, vends telemetry missed, selections not mapped or flagged. */
export async function salesSummaries(ctx: ServiceCtx, auditIds: string[]) {
  if (auditIds.length === 0) return new Map<string, typeof emptySummary>();
  const rows = await ctx.db
    .select({
      auditId: auditSales.auditId,
      units: sql<number | null>`sum(${auditSales.units})::int`,
      anyKnown: sql<boolean>`bool_or(${auditSales.units} is not null)`,
      missed: sql<number>`coalesce(sum(greatest(${auditSales.units} - ${auditSales.recordedUnits}, 0)) filter (where ${auditSales.flag} is distinct from 'reset'), 0)::int`,
      unmapped: sql<number>`count(*) filter (where ${auditSales.slotCode} is null)::int`,
      flagged: sql<number>`count(*) filter (where ${auditSales.flag} is not null and ${auditSales.flag} not in ('first_read', 'missing_read'))::int`,
    })
    .from(auditSales)
    .where(and(eq(auditSales.orgId, ctx.orgId), inArray(auditSales.auditId, auditIds)))
    .groupBy(auditSales.auditId);
  return new Map(
    rows.map((r) => [r.auditId, { unitsSinceLast: r.anyKnown ? Number(r.units) : null, missedVends: Number(r.missed), unmappedSelections: Number(r.unmapped), flaggedSelections: Number(r.flagged) }]),
  );
}

/** One audit with its counters per selection, the sales since the read before, and the raw text; quality notes in `locale` (English when left out). */
export async function getAudit(ctx: ServiceCtx, raw: z.input<typeof auditInput> & { locale?: Locale }) {
  const { auditId } = auditInput.parse(raw);
  const [audit] = await ctx.db
    .select({ audit: machineAudits, machineName: machines.name, uploadedByName: users.name })
    .from(machineAudits)
    .innerJoin(machines, eq(machines.id, machineAudits.machineId))
    .leftJoin(users, eq(users.id, machineAudits.uploadedBy))
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.id, auditId)));
  if (!audit) throw new ServiceError("NOT_FOUND", auditsMessages.audit_not_found);
  const between = await ctx.db
    .select()
    .from(auditSales)
    .where(and(eq(auditSales.orgId, ctx.orgId), eq(auditSales.auditId, auditId)))
    .orderBy(asc(auditSales.selection));
  const { raw: bytes, ...rest } = audit.audit;
  return {
    ...rest,
    quality: notesIn(rest.quality, raw.locale),
    machineName: audit.machineName,
    uploadedByName: audit.uploadedByName,
    // Each byte as one character: the text as the machine wrote it, whatever its encoding.
    rawText: Buffer.from(bytes).toString("latin1"),
    sizeBytes: bytes.byteLength,
    sales: between,
  };
}

/**
 * A machine's audit quality at a glance: audits kept, when it was last read, the quality notes of
 * its audits by code, selections not mapped to a slot, and the vends telemetry missed per slot
 * since the audit before the newest.
 */
export async function machineAuditSummary(ctx: ServiceCtx, raw: z.input<typeof selectionMapInput>) {
  const { machineId } = selectionMapInput.parse(raw);
  await getMachine(ctx, machineId);
  const [totals] = await ctx.db
    .select({ audits: sql<number>`count(*)::int`, lastReadAt: sql<Date | null>`max(${machineAudits.readAt})` })
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.machineId, machineId)));
  const notes = await ctx.db.execute(sql`select q->>'code' as code, count(*)::int as n from ${machineAudits}, jsonb_array_elements(${machineAudits.quality}) q
    where ${machineAudits.orgId} = ${ctx.orgId} and ${machineAudits.machineId} = ${machineId} group by 1 order by 2 desc`);
  const [latest] = await ctx.db
    .select({ id: machineAudits.id, coinTubes: sql<unknown>`${machineAudits.details}->'coinTubes'`, decimals: machineAudits.decimals, currency: machineAudits.currency })
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.machineId, machineId)))
    .orderBy(desc(machineAudits.readAt))
    .limit(1);
  const findings = latest
    ? await ctx.db
        .select({ selection: auditSales.selection, slotCode: auditSales.slotCode, units: auditSales.units, recordedUnits: auditSales.recordedUnits, since: auditSales.periodStart, flag: auditSales.flag })
        .from(auditSales)
        .where(and(eq(auditSales.orgId, ctx.orgId), eq(auditSales.auditId, latest.id)))
        .orderBy(asc(auditSales.selection))
    : [];
  const rows = (notes as unknown as { rows?: { code: string; n: number }[] }).rows ?? (notes as unknown as { code: string; n: number }[]);
  return {
    audits: Number(totals?.audits ?? 0),
    lastReadAt: totals?.lastReadAt ? new Date(totals.lastReadAt) : null,
    qualityByCode: rows.map((r) => ({ code: r.code, count: Number(r.n) })),
    latestAuditId: latest?.id ?? null,
    coinTubes: (latest?.coinTubes ?? []) as { tube: string | null; coinValueMinor: number | null; count: number | null; full: boolean | null }[],
    coinDecimals: latest?.decimals ?? 2,
    coinCurrency: latest?.currency ?? null,
    latestSales: findings.map((f) => ({ ...f, missed: f.units !== null && f.recordedUnits !== null && f.flag !== "reset" ? f.units - f.recordedUnits : null })),
  };
}

/** A machine's selections (every one its audits name) with the slot each maps to, and its planogram's slots. */
export async function getSelectionMap(ctx: ServiceCtx, raw: z.input<typeof selectionMapInput>) {
  const { machineId } = selectionMapInput.parse(raw);
  await getMachine(ctx, machineId);
  const entries = await ctx.db
    .select({ selection: auditSelectionSlots.selection, slotCode: auditSelectionSlots.slotCode, source: auditSelectionSlots.source })
    .from(auditSelectionSlots)
    .where(and(eq(auditSelectionSlots.orgId, ctx.orgId), eq(auditSelectionSlots.machineId, machineId)))
    .orderBy(asc(auditSelectionSlots.selection));
  const planogram = await ctx.db
    .select({ code: slots.code })
    .from(slots)
    .where(and(eq(slots.orgId, ctx.orgId), eq(slots.machineId, machineId)))
    .orderBy(asc(slots.code));
  return { entries, slotCodes: planogram.map((s) => s.code) };
}

/**
 * Sets where selections map (by hand: automatic matching leaves them alone from now on) and takes
 * the machine's sales between reads again with the new map.
 */
export async function setSelectionMap(ctx: ServiceCtx, raw: z.input<typeof setSelectionMapInput>) {
  const input = setSelectionMapInput.parse(raw);
  const machine = await getMachine(ctx, input.machineId);
  const current = await getSelectionMap(ctx, { machineId: input.machineId });
  const known = new Set(current.entries.map((e) => e.selection));
  const codes = new Set(current.slotCodes);
  for (const [i, e] of input.entries.entries()) {
    if (!known.has(e.selection)) throw fieldError(`entries.${i}.selection`, auditsMessages.selection_unknown, { selection: e.selection });
    if (e.slotCode !== null && !codes.has(e.slotCode)) throw fieldError(`entries.${i}.slotCode`, auditsMessages.slot_not_in_planogram, { slot: e.slotCode });
  }
  for (const e of input.entries) {
    await ctx.db
      .update(auditSelectionSlots)
      .set({ slotCode: e.slotCode, source: "manual", updatedAt: sql`now()` })
      .where(and(eq(auditSelectionSlots.orgId, ctx.orgId), eq(auditSelectionSlots.machineId, input.machineId), eq(auditSelectionSlots.selection, e.selection)));
  }
  // The slots of past differences follow the map; their counts do not change.
  const audits = await ctx.db
    .select()
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.machineId, input.machineId)))
    .orderBy(asc(machineAudits.readAt));
  for (const [i, audit] of audits.entries()) {
    await refreshAuditSales(ctx, { machineId: input.machineId, audit, previous: audits[i - 1] ?? null, telemetry: machine.lastSeenAt !== null });
  }
  await recordAudit(ctx, { action: "machine_audit.selections_mapped", targetType: "machine", targetId: input.machineId, data: { entries: input.entries } });
  return getSelectionMap(ctx, { machineId: input.machineId });
}
