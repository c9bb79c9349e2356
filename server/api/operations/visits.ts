import "server-only";
import { z } from "zod";
import { getVisit as getVisitRow, listVisitPage } from "../../replenishment";
import { defineOperation } from "../operation";
import { idParam, instant, iso, pageOf, pageQuery } from "../schemas";
import { forwardRange, rangeDates, timeRangeQuery } from "./time-range";

const slotCountSchema = z.object({ slot: z.string().meta({ description: "The slot's code, e.g. A1" }), quantity: z.number().int().min(0) }).meta({ id: "SlotCount" });

const visitSchema = z
  .object({
    id: z.string(),
    machine_id: z.string(),
    route_id: z.string().nullable(),
    technician_id: z.string().nullable(),
    technician_name: z.string().nullable(),
    occurred_at: instant(),
    counts: z.array(slotCountSchema).meta({ description: "Units in each counted slot after the fill" }),
    replaced_counts: z.array(slotCountSchema).nullable().meta({ description: "The stock of those slots just before the visit; null for visits recorded before it was kept" }),
    corrections: z.number().int().meta({ description: "Times the counts were corrected after the visit" }),
    corrected_at: instant().nullable(),
    undone_at: instant().nullable().meta({ description: "Set when the visit was undone: it is kept, but its counts no longer stand" }),
    cash_collection_id: z.string().nullable().meta({ description: "The cash counted at the visit, if any" }),
    audit_id: z.string().nullable().meta({ description: "The DEX audit read at the visit, if any" }),
    created_at: instant(),
  })
  .meta({ id: "Visit" });

type VisitRow = Awaited<ReturnType<typeof getVisitRow>>;

/** A visit in the API's words. */
function visitBody(v: VisitRow): z.input<typeof visitSchema> {
  return {
    id: v.id,
    machine_id: v.machineId,
    route_id: v.routeId,
    technician_id: v.technicianId,
    technician_name: v.technicianName,
    occurred_at: v.occurredAt.toISOString(),
    counts: v.counts,
    replaced_counts: v.replacedCounts,
    corrections: v.corrections,
    corrected_at: iso(v.correctedAt),
    undone_at: iso(v.undoneAt),
    cash_collection_id: v.cashCollectionId,
    audit_id: v.auditId,
    created_at: v.createdAt.toISOString(),
  };
}

const example = {
  id: "rvs_9Xc1Bq3d",
  machine_id: "mch_8Jq2x0aB",
  route_id: "rte_4Kp0aZ2c",
  technician_id: "usr_2bQ9xT1m",
  technician_name: "Sam Weber",
  occurred_at: "2026-12-01T08:10:00.000Z",
  counts: [
    { slot: "A1", quantity: 10 },
    { slot: "A2", quantity: 8 },
  ],
  replaced_counts: [
    { slot: "A1", quantity: 2 },
    { slot: "A2", quantity: 5 },
  ],
  corrections: 0,
  corrected_at: null,
  undone_at: null,
  cash_collection_id: "cc_7Hn2Lw4p",
  audit_id: null,
  created_at: "2026-12-01T08:10:02.000Z",
} satisfies z.input<typeof visitSchema>;

export const listVisits = defineOperation({
  id: "listVisits",
  method: "GET",
  path: "/visits",
  scope: "visits:read",
  tag: "Visits",
  summary: "List visits",
  description: "Technicians' recorded restock visits, newest first, a page at a time; undone visits are listed too, with `undone_at` set.",
  query: z
    .object({
      ...pageQuery,
      machine_id: idParam("Only visits of this machine").optional(),
      technician_id: idParam("Only visits recorded by this member").optional(),
      route_id: idParam("Only visits made on this route").optional(),
      ...timeRangeQuery,
    })
    .refine(...forwardRange),
  response: pageOf(visitSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listVisitPage(ctx, {
      limit: query.limit,
      cursor: query.cursor,
      machineId: query.machine_id,
      technicianId: query.technician_id,
      routeId: query.route_id,
      ...rangeDates(query),
    });
    return { data: page.items.map(visitBody), next_cursor: page.nextCursor };
  },
});

export const getVisit = defineOperation({
  id: "getVisit",
  method: "GET",
  path: "/visits/{visit_id}",
  scope: "visits:read",
  tag: "Visits",
  summary: "Get a visit",
  description: "One recorded visit with the slots counted and filled, what they held before, and the cash and audit taken at it.",
  params: z.object({ visit_id: idParam("The visit's id") }),
  response: visitSchema,
  examples: { response: example },
  handle: async (ctx, { params }) => visitBody(await getVisitRow(ctx, { visitId: params.visit_id })),
});
