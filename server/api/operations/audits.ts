import "server-only";
import { z } from "zod";
import { getDb } from "~/db/open";
import type { AuditSaleFlag } from "~/db/schema";
import { getAudit as getAuditView, listAuditPage } from "../../audits";
import { defineOperation } from "../operation";
import { handleApiRequest } from "../request";
import { idParam, instant, pageOf, pageQuery } from "../schemas";
import { forwardRange, rangeDates, timeRangeQuery } from "./time-range";

/** Why a selection's units are not simply the difference of its counters (see the schema's `audit_sale_flag`). */
const auditSaleFlags = ["first_read", "new_selection", "reset", "went_back", "no_value", "missing_read"] as const satisfies readonly AuditSaleFlag[];

const money = (description: string) => z.number().int().nullable().meta({ description: `${description}; minor units of the file's \`decimals\`, null when the file does not say` });
const qualityNoteSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: "AuditQualityNote" });

const auditSchema = z
  .object({
    id: z.string(),
    machine_id: z.string(),
    source: z.string().meta({ description: "How it arrived: machine (uploaded by the machine), upload (by a person) or visit (read at a recorded visit)" }),
    file_name: z.string().nullable(),
    machine_serial: z.string().nullable().meta({ description: "The serial written in the file" }),
    read_at: instant().meta({ description: "When the machine was read (its clock in the org's zone), else when the file arrived" }),
    read_at_local: z.string().nullable().meta({ description: "The read time as the machine's clock wrote it, without offset" }),
    received_at: instant(),
    currency: z.string().nullable(),
    decimals: z.number().int(),
    paid_count: z.number().int().nullable().meta({ description: "Paid vends since the counters were initialised" }),
    paid_value_minor: money("Value of paid vends since initialisation"),
    cash_sales_minor: money("Cash sales since initialisation"),
    cashless_sales_minor: money("Cashless sales since initialisation"),
    crc: z.enum(["absent", "ok", "mismatch"]).meta({ description: "The file's check value: absent, ok, or mismatch (damaged on its way)" }),
    quality: z.array(qualityNoteSchema).meta({ description: "The parser's notes and the cross-checks against the machine's other audits" }),
    units_since_last: z.number().int().nullable().meta({ description: "Units sold since the read before; null when unknown" }),
    missed_vends: z.number().int().meta({ description: "Vends the audit counted since the read before that telemetry did not record" }),
    unmapped_selections: z.number().int(),
    flagged_selections: z.number().int().meta({ description: "Selections whose sales since the read before could not simply be told" }),
    has_findings: z.boolean().meta({ description: "Quality notes, missed vends or flagged selections" }),
  })
  .meta({ id: "Audit" });

const selectionSaleSchema = z
  .object({
    selection: z.string(),
    slot_code: z.string().nullable().meta({ description: "The planogram slot the selection maps to" }),
    period_start: instant().nullable(),
    period_end: instant(),
    units: z.number().int().nullable().meta({ description: "Units sold between the two reads; null when they cannot be known (see flag)" }),
    value_minor: z.number().int().nullable(),
    recorded_units: z.number().int().nullable().meta({ description: "Successful vends telemetry recorded on the slot in the period; null without telemetry" }),
    missed: z.number().int().nullable().meta({ description: "units less recorded_units, where both are known" }),
    flag: z.enum(auditSaleFlags).nullable().meta({ description: "Why the units are not simply the difference of the counters" }),
  })
  .meta({ id: "AuditSelectionSales" });

const auditDetailSchema = auditSchema
  .extend({
    size_bytes: z.number().int(),
    machine_model: z.string().nullable(),
    previous_read_at: z.string().nullable().meta({ description: "When the file says the machine was read before, as its clock wrote it" }),
    selections: z
      .array(z.object({ selection: z.string().nullable(), price_minor: z.number().int().nullable(), paid_count: z.number().int().nullable(), paid_value_minor: z.number().int().nullable() }))
      .meta({ description: "Counters per selection since initialisation, as the file gives them" }),
    coin_tubes: z.array(z.object({ tube: z.string().nullable(), coin_value_minor: z.number().int().nullable(), count: z.number().int().nullable(), full: z.boolean().nullable() })),
    sales: z.array(selectionSaleSchema).meta({ description: "Sales per selection since the read before" }),
    findings: z.array(selectionSaleSchema).meta({ description: "The selections of `sales` with missed vends or a flag worth a look" }),
  })
  .meta({ id: "AuditDetail" });

type AuditItem = Awaited<ReturnType<typeof listAuditPage>>["items"][number];
type AuditView = Awaited<ReturnType<typeof getAuditView>>;

const notableFlags = new Set(["new_selection", "reset", "went_back", "no_value"]);

function summaryBody(a: Omit<AuditItem, "hasFindings">, hasFindings: boolean): z.input<typeof auditSchema> {
  return {
    id: a.id,
    machine_id: a.machineId,
    source: a.source,
    file_name: a.fileName,
    machine_serial: a.machineSerial,
    read_at: a.readAt.toISOString(),
    read_at_local: a.readAtLocal,
    received_at: a.receivedAt.toISOString(),
    currency: a.currency,
    decimals: a.decimals,
    paid_count: a.paidCount === null ? null : Number(a.paidCount),
    paid_value_minor: a.paidValueMinor === null ? null : Number(a.paidValueMinor),
    cash_sales_minor: a.cashSalesMinor === null ? null : Number(a.cashSalesMinor),
    cashless_sales_minor: a.cashlessSalesMinor === null ? null : Number(a.cashlessSalesMinor),
    crc: a.crc,
    quality: a.quality,
    units_since_last: a.unitsSinceLast,
    missed_vends: a.missedVends,
    unmapped_selections: a.unmappedSelections,
    flagged_selections: a.flaggedSelections,
    has_findings: hasFindings,
  };
}

function saleBody(s: AuditView["sales"][number]): z.input<typeof selectionSaleSchema> {
  const missed = s.units !== null && s.recordedUnits !== null && s.flag !== "reset" ? s.units - s.recordedUnits : null;
  return {
    selection: s.selection,
    slot_code: s.slotCode,
    period_start: s.periodStart ? s.periodStart.toISOString() : null,
    period_end: s.periodEnd.toISOString(),
    units: s.units,
    value_minor: s.valueMinor === null ? null : Number(s.valueMinor),
    recorded_units: s.recordedUnits,
    missed,
    flag: s.flag,
  };
}

function detailBody(a: AuditView): z.input<typeof auditDetailSchema> {
  const sales = a.sales.map(saleBody);
  const findings = sales.filter((s) => (s.missed ?? 0) > 0 || (s.flag !== null && s.flag !== undefined && notableFlags.has(s.flag)));
  const missedVends = sales.reduce((n, s) => n + Math.max(0, s.missed ?? 0), 0);
  const known = sales.filter((s) => s.units !== null);
  const summary = {
    ...a,
    unitsSinceLast: known.length ? known.reduce((n, s) => n + (s.units ?? 0), 0) : null,
    missedVends,
    unmappedSelections: sales.filter((s) => s.slot_code === null).length,
    flaggedSelections: sales.filter((s) => s.flag && s.flag !== "first_read" && s.flag !== "missing_read").length,
  };
  return {
    ...summaryBody(summary, a.quality.length > 0 || findings.length > 0),
    size_bytes: a.sizeBytes,
    machine_model: a.details.machineModel,
    previous_read_at: a.details.previousReadAt,
    selections: a.selections.map((s) => ({ selection: s.selection, price_minor: s.priceMinor, paid_count: s.paidCount, paid_value_minor: s.paidValueMinor })),
    coin_tubes: (a.details.coinTubes ?? []).map((t) => ({ tube: t.tube, coin_value_minor: t.coinValueMinor, count: t.count, full: t.full })),
    sales,
    findings,
  };
}

const example = {
  id: "aud_3Rk8Vn1q",
  machine_id: "mch_8Jq2x0aB",
  source: "machine",
  file_name: null,
  machine_serial: "VX-2041-0007",
  read_at: "2026-12-01T08:05:00.000Z",
  read_at_local: "2026-12-01T09:05:00",
  received_at: "2026-12-01T08:05:03.000Z",
  currency: "EUR",
  decimals: 2,
  paid_count: 1204,
  paid_value_minor: 284150,
  cash_sales_minor: 101200,
  cashless_sales_minor: 182950,
  crc: "ok",
  quality: [],
  units_since_last: 86,
  missed_vends: 4,
  unmapped_selections: 0,
  flagged_selections: 0,
  has_findings: true,
} satisfies z.input<typeof auditSchema>;
const sale = { selection: "11", slot_code: "A1", period_start: "2026-11-24T08:00:00.000Z", period_end: "2026-12-01T08:05:00.000Z", units: 31, value_minor: 7750, recorded_units: 27, missed: 4, flag: null } satisfies z.input<typeof selectionSaleSchema>;

export const listAudits = defineOperation({
  id: "listAudits",
  method: "GET",
  path: "/audits",
  scope: "audits:read",
  tag: "Audits",
  summary: "List DEX audits",
  description: "The DEX audit files read from the org's machines, newest read first, a page at a time, without the file itself; each with its sales summary since the read before.",
  query: z
    .object({
      ...pageQuery,
      machine_id: idParam("Only audits of this machine").optional(),
      ...timeRangeQuery,
      has_findings: z.enum(["true", "false"]).optional().meta({ description: "true: only audits with findings; false: only those without" }),
    })
    .refine(...forwardRange),
  response: pageOf(auditSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listAuditPage(ctx, {
      limit: query.limit,
      cursor: query.cursor,
      machineId: query.machine_id,
      hasFindings: query.has_findings === undefined ? undefined : query.has_findings === "true",
      ...rangeDates(query),
    });
    return { data: page.items.map(({ hasFindings, ...a }) => summaryBody(a, hasFindings)), next_cursor: page.nextCursor };
  },
});

export const getAudit = defineOperation({
  id: "getAudit",
  method: "GET",
  path: "/audits/{audit_id}",
  scope: "audits:read",
  tag: "Audits",
  summary: "Get a DEX audit",
  description: "One audit with its counters per selection, the sales per selection since the read before (and those worth a look as `findings`) and its quality notes. The file itself is at `/audits/{audit_id}/dex`.",
  params: z.object({ audit_id: idParam("The audit's id") }),
  response: auditDetailSchema,
  examples: {
    response: {
      ...example,
      size_bytes: 2841,
      machine_model: "KIKKO",
      previous_read_at: "2026-11-24T09:00:00",
      selections: [{ selection: "11", price_minor: 250, paid_count: 402, paid_value_minor: 100500 }],
      coin_tubes: [{ tube: "0", coin_value_minor: 50, count: 32, full: false }],
      sales: [sale],
      findings: [sale],
    },
  },
  handle: async (ctx, { params }) => detailBody(await getAuditView(ctx, { auditId: params.audit_id })),
});

const dexParams = z.object({ audit_id: idParam("The audit's id") });

/**
 * `GET /audits/{audit_id}/dex`: the audit file as the machine wrote it, as text/plain (each byte
 * as one character, whatever the file's encoding), under the same key, scope and limits as the
 * JSON operations.
 */
export async function auditDexResponse(request: Request, rawParams: { auditId: string }): Promise<Response> {
  return handleApiRequest(await getDb(), request, {
    scope: "audits:read",
    answer: async (ctx) => {
      const { audit_id } = dexParams.parse({ audit_id: rawParams.auditId });
      const audit = await getAuditView(ctx, { auditId: audit_id });
      return {
        status: 200,
        body: audit.rawText,
        contentType: "text/plain; charset=utf-8",
        headers: { "content-disposition": `inline; filename="${audit.id}.dex"` },
      };
    },
  });
}
