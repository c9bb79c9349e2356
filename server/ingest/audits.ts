import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import type { z } from "zod";
import { auditSales, machineAudits, machines, organizations, type MachineAuditRow } from "~/db/schema";
import {
  answerOf,
  auditsMessages,
  machinesBySerial,
  MAX_AUDIT_BYTES,
  storeAudit,
  type AuditAnswer,
  type UploadOutcome,
  type uploadAuditsInput,
} from "~/server/audits";
import { systemContext, type ServiceCtx } from "~/server/context";
import { renderMessage } from "~/server/errors";
import { minorDigits } from "~/server/money";
import { recordAudit } from "~/server/tenancy";
import { ingestBatch } from "./batch";
import { parseDex } from "./dex/parse";

export type AuditIngestResult = { ok: true; status: "accepted" | "duplicate"; audit: AuditAnswer; row: MachineAuditRow } | { ok: false; message: string };

/**
 * Reads an audit file (DEX / EVA-DTS) and keeps it for the machine, exactly as the upload contract
 * says, whoever sent it: the machine, a person uploading files, or a technician at a visit. A file
 * with no DEX records or a truncated transfer is refused with what to fix; a repeat of stored DEX
 * content answers with the stored audit. For a machine without telemetry, the sales between this
 * read and the one before are then recorded as inferred vends through the same ingest as reported
 * ones (sales, stock, rollups), once: their event ids are keyed by the audit.
 */
export async function ingestAudit(
  ctx: ServiceCtx,
  input: { machineId: string; body: Uint8Array; source: "machine" | "upload" | "visit"; fileName?: string | null; visitId?: string | null; receivedAt?: Date },
): Promise<AuditIngestResult> {
  const parsed = parseDex(input.body);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const stored = await storeAudit(ctx, {
    machineId: input.machineId,
    raw: input.body,
    contentHash: parsed.contentHash,
    facts: parsed.audit,
    source: input.source,
    uploadedBy: ctx.actor.type === "user" ? ctx.actor.id : null,
    visitId: input.visitId ?? null,
    fileName: input.fileName ?? null,
    receivedAt: input.receivedAt,
  });
  if (stored.inferSales) await inferSales(ctx, stored.audit);
  return { ok: true, status: stored.status, audit: answerOf(stored.audit, stored.status), row: stored.audit };
}

/** The most inferred vends one ingest batch carries. */
const BATCH = 500;

/**
 * Records the sales between an audit-only machine's newest audit and the one before as vends, one
 * per unit, spread evenly over the time between the reads, on the slot each selection maps to, at
 * the selection's value per unit (rescaled from the file's decimal point to the currency's), paid in
 * cash or by card in the share the cash and cashless counters moved. Selections without a slot or a
 * count are left out (they stay visible on the audit), as are files in another currency.
 */
async function inferSales(ctx: ServiceCtx, audit: MachineAuditRow): Promise<void> {
  const [org] = await ctx.db
    .select({ currency: organizations.currency })
    .from(organizations)
    .innerJoin(machines, eq(machines.orgId, organizations.id))
    .where(and(eq(machines.id, audit.machineId), eq(machines.orgId, ctx.orgId)));
  if (!org || (audit.currency !== null && audit.currency !== org.currency)) return;
  const rows = await ctx.db
    .select()
    .from(auditSales)
    .where(and(eq(auditSales.orgId, ctx.orgId), eq(auditSales.auditId, audit.id), gt(auditSales.units, 0)))
    .orderBy(asc(auditSales.selection));
  const sold = rows.filter((r) => r.slotCode !== null && r.periodStart !== null && r.flag !== "went_back" && r.flag !== "no_value");
  if (sold.length === 0) return;

  const scale = 10 ** (minorDigits(org.currency) - audit.decimals);
  const start = sold[0]!.periodStart!.getTime();
  const end = audit.readAt.getTime();
  const total = sold.reduce((n, r) => n + r.units!, 0);
  const cashShare = await cashShareOf(ctx, audit, sold[0]!.previousAuditId);
  const units = sold.flatMap((r, index) => {
    const value = r.valueMinor ?? 0;
    return Array.from({ length: r.units! }, (_, k) => {
      // The value of the selection's units spread so that they add up to its total.
      const priceMinor = Math.max(0, Math.round(((Math.floor((value * (k + 1)) / r.units!) - Math.floor((value * k) / r.units!)) * scale)));
      return { row: index, slot: r.slotCode!, k, priceMinor };
    });
  });
  // Interleaved in time, so each selection's sales are spread over the whole period.
  units.sort((a, b) => a.k / sold[a.row]!.units! - b.k / sold[b.row]!.units! || a.row - b.row);
  let cash = 0;
  const events = units.map((u, i) => {
    const at = new Date(start + Math.round(((i + 1) * (end - start)) / (total + 1)));
    const isCash = Math.round((i + 1) * cashShare) > cash;
    if (isCash) cash++;
    return {
      id: `audit:${audit.id.slice(4)}:${u.row}:${u.k}`,
      type: "vend.succeeded",
      occurredAt: at.toISOString(),
      data: { slot: u.slot, priceMinor: u.priceMinor, currency: org.currency, payment: { method: isCash ? "cash" : "card" } },
    };
  });
  // Applied by the system, not reported by the machine: its last seen, state and uptime stay as they are.
  const inferring = systemContext(ctx.db, { orgId: ctx.orgId, actor: "system", id: audit.id, label: "Sales inferred from audits" });
  for (let i = 0; i < events.length; i += BATCH) {
    await ingestBatch(inferring, { machineId: audit.machineId, events: events.slice(i, i + BATCH), inferred: true });
  }
}

/** The share of the period's paid value taken in cash (CA201 against DA201); all cash when the files say neither. */
async function cashShareOf(ctx: ServiceCtx, audit: MachineAuditRow, previousAuditId: string | null): Promise<number> {
  if (!previousAuditId) return 1;
  const [previous] = await ctx.db
    .select({ cash: machineAudits.cashSalesMinor, cashless: machineAudits.cashlessSalesMinor })
    .from(machineAudits)
    .where(and(eq(machineAudits.orgId, ctx.orgId), eq(machineAudits.id, previousAuditId)));
  const moved = (before: number | null | undefined, after: number | null) =>
    before === null || before === undefined || after === null || after < before || after === NO_VALUE || before === NO_VALUE ? 0 : after - before;
  const cash = moved(previous?.cash, audit.cashSalesMinor);
  const cashless = moved(previous?.cashless, audit.cashlessSalesMinor);
  return cash + cashless === 0 ? 1 : cash / (cash + cashless);
}

const NO_VALUE = 4294967295;

/** Proposes a machine for each uploaded file from the serial the browser read in it. */
export async function matchAuditFiles(ctx: ServiceCtx, input: { serials: (string | null)[] }) {
  const serials = [...new Set(input.serials.filter((s): s is string => s !== null && s !== ""))];
  const found = await machinesBySerial(ctx, serials);
  const bySerial = new Map(found.map((m) => [m.serial, m]));
  return input.serials.map((s) => (s ? (bySerial.get(s) ?? null) : null));
}

/**
 * Keeps many audit files a person uploaded at once, each on its own: matched to its machine by the
 * file's serial unless one was chosen, read and kept under the same rules as the machine endpoint
 * (the same parser, the same duplicate rule). One file's problem never stops the others.
 */
export async function uploadAudits(ctx: ServiceCtx, input: z.output<typeof uploadAuditsInput>): Promise<UploadOutcome[]> {
  const outcomes: UploadOutcome[] = [];
  const fail = (name: string, message: { code: string; en: string }, params: Record<string, string>) =>
    outcomes.push({ name, status: "failed", code: message.code, message: renderMessage(message, params) });
  for (const file of input.files) {
    const body = Buffer.from(file.contentBase64, "base64");
    if (body.byteLength > MAX_AUDIT_BYTES) {
      fail(file.name, auditsMessages.file_too_large, { file: file.name });
      continue;
    }
    const parsed = parseDex(body);
    if (!parsed.ok) {
      fail(file.name, auditsMessages.invalid_dex, { file: file.name, reason: parsed.message });
      continue;
    }
    let machine: { id: string; name: string } | null = null;
    if (file.machineId) {
      const [row] = await ctx.db.select({ id: machines.id, name: machines.name }).from(machines).where(and(eq(machines.orgId, ctx.orgId), eq(machines.id, file.machineId)));
      machine = row ?? null;
      if (!machine) {
        fail(file.name, auditsMessages.machine_not_found, { file: file.name });
        continue;
      }
    } else {
      const serial = parsed.audit.machineSerial;
      if (!serial) {
        fail(file.name, auditsMessages.no_serial_to_match, { file: file.name });
        continue;
      }
      const [match] = await machinesBySerial(ctx, [serial]);
      if (!match) {
        fail(file.name, auditsMessages.no_machine_matches, { file: file.name, serial });
        continue;
      }
      machine = match;
    }
    const result = await ingestAudit(ctx, { machineId: machine.id, body, source: "upload", fileName: file.name });
    if (!result.ok) {
      fail(file.name, auditsMessages.invalid_dex, { file: file.name, reason: result.message });
      continue;
    }
    if (result.status === "accepted") {
      await recordAudit(ctx, { action: "machine_audit.uploaded", targetType: "machine", targetId: machine.id, data: { auditId: result.audit.id, fileName: file.name } });
    }
    outcomes.push({ name: file.name, status: result.status, auditId: result.audit.id, machineId: machine.id, machineName: machine.name, quality: result.audit.quality, crc: result.audit.crc });
  }
  return outcomes;
}
