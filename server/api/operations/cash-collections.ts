import "server-only";
import { z } from "zod";
import { cashCollectionSources, getCollection as getCollectionRow, listCollectionPage, type CollectionRow } from "../../cash";
import { defineOperation } from "../operation";
import { currencyCode, idParam, instant, iso, minorAmount, pageOf, pageQuery } from "../schemas";
import { forwardRange, rangeDates, timeRangeQuery } from "./time-range";

const cashCollectionSchema = z
  .object({
    id: z.string(),
    machine_id: z.string(),
    source: z.enum(cashCollectionSources).meta({ description: "machine: the machine reported emptying its box; technician: a technician's count" }),
    occurred_at: instant().meta({ description: "When the cash box was emptied" }),
    period_start: instant().nullable().meta({ description: "The machine's previous collection (exclusive start of the period); null for its first" }),
    reported_minor: minorAmount("What the machine reported, where it did; minor units").nullable(),
    counted_minor: minorAmount("What was counted: the technician's count, else the machine's figure; minor units"),
    expected_minor: minorAmount("Cash that should have been in the box from the period's cash sales; null on old collections").nullable(),
    variance_minor: minorAmount("Counted less expected: negative is short, positive over; null without an expected amount").nullable(),
    currency: currencyCode(),
    technician_id: z.string().nullable(),
    technician_name: z.string().nullable(),
    counted_at: instant().nullable(),
    route_id: z.string().nullable(),
    visit_id: z.string().nullable().meta({ description: "The recorded visit the count was made at" }),
    note: z.string().nullable(),
  })
  .meta({ id: "CashCollection" });

/** A collection in the API's words. */
function collectionBody(c: CollectionRow): z.input<typeof cashCollectionSchema> {
  return {
    id: c.id,
    machine_id: c.machineId,
    source: c.source,
    occurred_at: c.occurredAt.toISOString(),
    period_start: iso(c.periodStart),
    reported_minor: c.reportedMinor === null ? null : Number(c.reportedMinor),
    counted_minor: Number(c.countedMinor),
    expected_minor: c.expectedMinor === null ? null : Number(c.expectedMinor),
    variance_minor: c.varianceMinor === null ? null : Number(c.varianceMinor),
    currency: c.currency,
    technician_id: c.technicianId,
    technician_name: c.technicianName,
    counted_at: iso(c.countedAt),
    route_id: c.routeId,
    visit_id: c.visitId,
    note: c.note,
  };
}

const example = {
  id: "cc_7Hn2Lw4p",
  machine_id: "mch_8Jq2x0aB",
  source: "technician",
  occurred_at: "2026-12-01T08:12:00.000Z",
  period_start: "2026-11-24T08:40:00.000Z",
  reported_minor: null,
  counted_minor: 18450,
  expected_minor: 18750,
  variance_minor: -300,
  currency: "EUR",
  technician_id: "usr_2bQ9xT1m",
  technician_name: "Sam Weber",
  counted_at: "2026-12-01T08:15:00.000Z",
  route_id: "rte_4Kp0aZ2c",
  visit_id: "rvs_9Xc1Bq3d",
  note: null,
} as const;

export const listCashCollections = defineOperation({
  id: "listCashCollections",
  method: "GET",
  path: "/cash-collections",
  scope: "cash:read",
  tag: "Cash",
  summary: "List cash collections",
  description: "Cash taken out of the org's machines, newest first, a page at a time: counted against expected, with the variance.",
  query: z
    .object({ ...pageQuery, machine_id: idParam("Only collections of this machine").optional(), ...timeRangeQuery })
    .refine(...forwardRange),
  response: pageOf(cashCollectionSchema),
  examples: { response: { data: [example], next_cursor: null } },
  handle: async (ctx, { query }) => {
    const page = await listCollectionPage(ctx, { limit: query.limit, cursor: query.cursor, machineId: query.machine_id, ...rangeDates(query) });
    return { data: page.items.map(collectionBody), next_cursor: page.nextCursor };
  },
});

export const getCashCollection = defineOperation({
  id: "getCashCollection",
  method: "GET",
  path: "/cash-collections/{collection_id}",
  scope: "cash:read",
  tag: "Cash",
  summary: "Get a cash collection",
  params: z.object({ collection_id: idParam("The collection's id") }),
  response: cashCollectionSchema,
  examples: { response: example },
  handle: async (ctx, { params }) => collectionBody(await getCollectionRow(ctx, { collectionId: params.collection_id })),
});
