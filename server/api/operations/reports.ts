import "server-only";
import { z } from "zod";
import type { MonthlyBreakdownRow, MonthlyFigures } from "~/db/schema";
import { getMonthlyStatistics } from "../../analytics";
import { calendarMonth } from "../../input/calendar";
import { dayPlan } from "../../replenishment";
import { defineOperation } from "../operation";
import { ApiProblem } from "../request";
import { currencyCode, day, instant, iso } from "../schemas";

/* Monthly statistics -------------------------------------------------------------------------------- */

const figureFields = {
  revenue_minor: z.number().int().meta({ description: "Revenue in minor units of `currency`" }),
  cost_minor: z.number().int(),
  margin_minor: z.number().int(),
  units: z.number().int().meta({ description: "Units sold" }),
  failed_vends: z.number().int(),
  refunds: z.number().int().meta({ description: "Refunds owed for failed vends" }),
  refund_minor: z.number().int(),
  other_refunds: z.number().int().meta({ description: "Refunds made by hand, on a consumer's request or for undispensed orders" }),
  other_refund_minor: z.number().int(),
  failure_rate: z.number().meta({ description: "Failed vends over all vends, 0..1" }),
  stockout_hours: z.number(),
  uptime: z.number().nullable().meta({ description: "Share of machine-hours with a report from the machine, 0..1; null without machines" }),
};

const monthFiguresSchema = z
  .object({ ...figureFields, tickets: z.number().int().meta({ description: "Succeeded vends" }), average_ticket_minor: z.number().int() })
  .meta({ id: "MonthFigures" });

const machineMonthSchema = z.object({ machine_id: z.string(), name: z.string(), ...figureFields }).meta({ id: "MachineMonthFigures" });

const monthlyStatisticsSchema = z
  .object({
    month: z.string().meta({ description: "The month, YYYY-MM, in the org's time zone", example: "2026-11" }),
    time_zone: z.string(),
    currency: currencyCode(),
    totals: monthFiguresSchema.meta({ description: "The org's totals" }),
    machines: z.array(machineMonthSchema).meta({ description: "Per machine" }),
    previous_month: monthFiguresSchema.nullable().meta({ description: "The month before's totals; null when it has none or began before the org's history" }),
    previous_year: monthFiguresSchema.nullable().meta({ description: "The same month a year before; null likewise" }),
    partial: z.boolean().meta({ description: "The month began before the org's history did: it holds only part of a month of data" }),
    stale: z.boolean().meta({ description: "Late sales reached the month since it was written; it is written again within the hour" }),
    generated_at: instant(),
    revised_at: instant().nullable(),
  })
  .meta({ id: "MonthlyStatistics" });

const round = (n: number | undefined | null) => Math.round(Number(n ?? 0));

function commonFigures(f: Omit<MonthlyFigures, "tickets" | "averageTicketMinor" | "uptime"> & { uptime?: number | null }) {
  return {
    revenue_minor: round(f.revenueMinor),
    cost_minor: round(f.costMinor),
    margin_minor: round(f.marginMinor),
    units: round(f.units),
    failed_vends: round(f.failedVends),
    refunds: round(f.refunds),
    refund_minor: round(f.refundMinor),
    other_refunds: round(f.otherRefunds),
    other_refund_minor: round(f.otherRefundMinor),
    failure_rate: Number(f.failureRate ?? 0),
    stockout_hours: Number(f.stockoutHours ?? 0),
    uptime: f.uptime ?? null,
  };
}

const monthFigures = (f: MonthlyFigures): z.input<typeof monthFiguresSchema> => ({ ...commonFigures(f), tickets: round(f.tickets), average_ticket_minor: round(f.averageTicketMinor) });
const machineFigures = (r: MonthlyBreakdownRow): z.input<typeof machineMonthSchema> => ({ machine_id: r.key, name: r.label, ...commonFigures(r) });

const exampleFigures = {
  revenue_minor: 1284500,
  cost_minor: 498200,
  margin_minor: 786300,
  units: 5120,
  failed_vends: 41,
  refunds: 12,
  refund_minor: 3050,
  other_refunds: 2,
  other_refund_minor: 500,
  failure_rate: 0.008,
  stockout_hours: 37.5,
  uptime: 0.993,
};

export const getMonthlyStatisticsOperation = defineOperation({
  id: "getMonthlyStatistics",
  method: "GET",
  path: "/statistics/monthly",
  scope: "statistics:read",
  tag: "Statistics",
  summary: "Get a month's statistics",
  description:
    "The statistics of one closed month in the org's time zone, as the monthly job keeps them: the org's totals, each machine's figures, and the month before and the year before to compare. A month that has not closed yet, or had no sales, answers 404.",
  query: z.object({ month: calendarMonth.meta({ description: "The month, YYYY-MM", example: "2026-11" }) }),
  response: monthlyStatisticsSchema,
  examples: {
    response: {
      month: "2026-11",
      time_zone: "Europe/Berlin",
      currency: "EUR",
      totals: { ...exampleFigures, tickets: 5090, average_ticket_minor: 252 },
      machines: [{ machine_id: "mch_8Jq2x0aB", name: "Station hall 1", ...exampleFigures }],
      previous_month: null,
      previous_year: null,
      partial: false,
      stale: false,
      generated_at: "2026-12-01T00:05:00.000Z",
      revised_at: null,
    },
  },
  handle: async (ctx, { query }) => {
    const stats = await getMonthlyStatistics(ctx, { month: query.month });
    if (!stats) {
      throw new ApiProblem({
        status: 404,
        code: "statistics_not_found",
        detail: `There are no statistics for ${query.month}: a month's statistics are written once it has closed in the org's time zone and had sales.`,
      });
    }
    return {
      month: stats.month.slice(0, 7),
      time_zone: stats.timeZone,
      currency: stats.currency,
      totals: monthFigures(stats.figures),
      machines: stats.breakdowns.machines.map(machineFigures),
      previous_month: stats.previousMonth ? monthFigures(stats.previousMonth) : null,
      previous_year: stats.previousYear ? monthFigures(stats.previousYear) : null,
      partial: stats.partial,
      stale: stats.stale,
      generated_at: stats.generatedAt.toISOString(),
      revised_at: iso(stats.revisedAt),
    };
  },
});

/* Plans ----------------------------------------------------------------------------------------------- */

const fillSchema = z
  .object({
    slot: z.string(),
    product_id: z.string().nullable(),
    product_name: z.string().nullable(),
    quantity: z.number().int().meta({ description: "Units to bring and put in" }),
    expected_stock: z.number().int().meta({ description: "Units expected in the slot on arrival" }),
    target: z.number().int().meta({ description: "Units in the slot after the fill" }),
  })
  .meta({ id: "PlanFill" });

const stopSchema = z
  .object({
    machine_id: z.string(),
    name: z.string(),
    location: z.string().nullable(),
    position: z.number().int().nullable().meta({ description: "The machine's place in its route's driving order" }),
    units: z.number().int(),
    lost_if_not_visited_minor: z.number().int().meta({ description: "Expected lost margin over the plan's week without any visit" }),
    loss_avoided_minor: z.number().int().meta({ description: "What visiting on this day saves of that loss" }),
    fills: z.array(fillSchema),
  })
  .meta({ id: "PlanStop" });

const planRouteSchema = z
  .object({
    route_id: z.string().nullable().meta({ description: "null for machines on no route" }),
    route_name: z.string().nullable(),
    stops: z.array(stopSchema),
    units: z.number().int(),
    loss_avoided_minor: z.number().int(),
    pick_list: z.array(z.object({ product_id: z.string(), product_name: z.string().nullable(), quantity: z.number().int() })).meta({ description: "Units to load per product" }),
  })
  .meta({ id: "PlanRoute" });

const dayPlanSchema = z
  .object({
    day: day().meta({ description: "The planned day in the org's time zone" }),
    today: day(),
    time_zone: z.string(),
    currency: currencyCode(),
    visit_cost_minor: z.number().int().meta({ description: "What a visit costs, as the plan weighs it" }),
    forecasts_computed_at: instant().nullable(),
    accepted_at: instant().nullable().meta({ description: "When a manager accepted this day's plan, if they did" }),
    stops: z.number().int(),
    units: z.number().int(),
    loss_avoided_minor: z.number().int(),
    routes: z.array(planRouteSchema),
  })
  .meta({ id: "DayPlan" });

export const getPlan = defineOperation({
  id: "getPlan",
  method: "GET",
  path: "/plans",
  scope: "plans:read",
  tag: "Plans",
  summary: "Get a day's restock plan",
  description:
    "The restock plan for one day (today in the org's time zone unless `day` is given, up to 6 days ahead): the machines to visit per route in driving order, what to fill in each, the loss each visit avoids, and each route's pick list. It follows the latest stock and forecasts, so it can change during the day.",
  query: z.object({ day: day().optional().meta({ description: "The day, YYYY-MM-DD in the org's time zone; today when left out" }) }),
  response: dayPlanSchema,
  examples: {
    response: {
      day: "2026-12-01",
      today: "2026-12-01",
      time_zone: "Europe/Berlin",
      currency: "EUR",
      visit_cost_minor: 1500,
      forecasts_computed_at: "2026-12-01T03:00:00.000Z",
      accepted_at: null,
      stops: 1,
      units: 14,
      loss_avoided_minor: 2380,
      routes: [
        {
          route_id: "rte_4Kp0aZ2c",
          route_name: "North",
          stops: [
            {
              machine_id: "mch_8Jq2x0aB",
              name: "Station hall 1",
              location: "Main station",
              position: 1,
              units: 14,
              lost_if_not_visited_minor: 3120,
              loss_avoided_minor: 2380,
              fills: [{ slot: "A1", product_id: "prd_1aB2cD3e", product_name: "Cola 0.33 l", quantity: 14, expected_stock: 2, target: 16 }],
            },
          ],
          units: 14,
          loss_avoided_minor: 2380,
          pick_list: [{ product_id: "prd_1aB2cD3e", product_name: "Cola 0.33 l", quantity: 14 }],
        },
      ],
    },
  },
  handle: async (ctx, { query }) => {
    const plan = await dayPlan(ctx, { day: query.day });
    return {
      day: plan.day,
      today: plan.today,
      time_zone: plan.timeZone,
      currency: plan.currency,
      visit_cost_minor: Math.round(plan.visitCostMinor),
      forecasts_computed_at: iso(plan.forecastsComputedAt),
      accepted_at: iso(plan.acceptedAt),
      stops: plan.stops,
      units: plan.units,
      loss_avoided_minor: Math.round(plan.lossAvoidedMinor),
      routes: plan.routes.map((r) => ({
        route_id: r.route?.id ?? null,
        route_name: r.route?.name ?? null,
        units: r.units,
        loss_avoided_minor: Math.round(r.lossAvoidedMinor),
        pick_list: r.pickList.map((p) => ({ product_id: p.productId, product_name: p.productName, quantity: p.quantity })),
        stops: r.stops.map((s) => ({
          machine_id: s.machineId,
          name: s.name,
          location: s.location,
          position: s.route ? s.route.position : null,
          units: s.units,
          lost_if_not_visited_minor: Math.round(s.lostIfNotVisitedMinor),
          loss_avoided_minor: Math.round(s.lossAvoidedMinor),
          fills: s.fills.map((f) => ({ slot: f.slot, product_id: f.productId, product_name: f.productName, quantity: f.quantity, expected_stock: f.expectedStock, target: f.target })),
        })),
      })),
    };
  },
});
