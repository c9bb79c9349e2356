// Accepting today's plan: a manager confirms the day's visits, and each route's technician hears
// which stops are theirs. One acceptance per org and local day (a unique key): a second press, or
// two managers at once, show the first acceptance and tell nobody twice.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { newId } from "~/db/ids";
import { deliveryRoutes, planAcceptances, users } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import type { Locale } from "~/server/i18n/locales";
import { documentsTranslator } from "~/server/i18n/translator";
import { notifyMembers } from "~/server/notifications";
import { recordAudit } from "~/server/tenancy";
import type { PlanAcceptanceView } from "./contract";
import { machinesToVisit, planFleet } from "./fleet-plan";

type AcceptanceRow = typeof planAcceptances.$inferSelect;

async function viewOf(ctx: ServiceCtx, row: AcceptanceRow): Promise<PlanAcceptanceView> {
  const ids = [...new Set([row.acceptedBy, ...row.notified].filter((x): x is string => Boolean(x)))];
  const people = ids.length > 0 ? await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids)) : [];
  const nameOf = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? p.name || p.email : null;
  };
  const routed = await routesWithTechnician(ctx, row.stops.map((s) => s.routeId));
  return {
    day: row.day,
    acceptedAt: row.acceptedAt,
    acceptedByName: row.acceptedBy ? nameOf(row.acceptedBy) : null,
    stops: row.stops.length,
    unassignedStops: row.stops.filter((s) => !s.routeId || !routed.get(s.routeId)).length,
    notified: row.notified.map((id) => nameOf(id) ?? "a former member"),
  };
}

/** The technician of each named route that has one. */
async function routesWithTechnician(ctx: ServiceCtx, routeIds: (string | null)[]) {
  const ids = [...new Set(routeIds.filter((x): x is string => Boolean(x)))];
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = await ctx.db
    .select({ id: deliveryRoutes.id, name: deliveryRoutes.name, technicianId: deliveryRoutes.technicianId })
    .from(deliveryRoutes)
    .where(and(eq(deliveryRoutes.orgId, ctx.orgId), inArray(deliveryRoutes.id, ids)));
  return new Map(rows.map((r) => [r.id, r.technicianId]));
}

/** Today's acceptance (the org's local day), if any. */
export async function todaysAcceptance(ctx: ServiceCtx, input: { today: string }): Promise<PlanAcceptanceView | null> {
  const [row] = await ctx.db
    .select()
    .from(planAcceptances)
    .where(and(eq(planAcceptances.orgId, ctx.orgId), eq(planAcceptances.day, input.today)));
  return row ? viewOf(ctx, row) : null;
}

/**
 * Accepts today's plan as it stands: keeps its stops, and tells each route's technician their stops
 * for the day (in the app and by e-mail, see `notifyMembers`). Stops on no route, or on a route
 * without a technician, are counted as unassigned: nobody can be told about them.
 */
export async function acceptTodaysPlan(ctx: ServiceCtx, input: { now?: Date } = {}): Promise<PlanAcceptanceView & { alreadyAccepted: boolean }> {
  const fleet = await planFleet(ctx, { now: input.now });
  const today = fleet.today;
  const planned = await machinesToVisit(ctx, { day: today, now: input.now });
  const stops = planned.map((v) => ({ machineId: v.machineId, name: v.name, routeId: v.route?.id ?? null, units: v.units }));
  const technicianOf = await routesWithTechnician(ctx, stops.map((s) => s.routeId));

  const byTechnician = new Map<string, { routeNames: Set<string>; stops: typeof planned }>();
  for (const v of planned) {
    const technicianId = v.route ? technicianOf.get(v.route.id) : null;
    if (!technicianId || !v.route) continue;
    let mine = byTechnician.get(technicianId);
    if (!mine) byTechnician.set(technicianId, (mine = { routeNames: new Set(), stops: [] }));
    mine.routeNames.add(v.route.name);
    mine.stops.push(v);
  }

  const actorId = ctx.actor.type === "user" ? ctx.actor.id : null;
  const [inserted] = await ctx.db
    .insert(planAcceptances)
    .values({ id: newId("pla"), orgId: ctx.orgId, day: today, acceptedBy: actorId, stops, notified: [...byTechnician.keys()] })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    const existing = await todaysAcceptance(ctx, { today });
    return { ...existing!, alreadyAccepted: true };
  }

  for (const [technicianId, mine] of byTechnician) {
    const units = mine.stops.reduce((a, s) => a + s.units, 0);
    // Counts go in as text (no digit grouping) beside the numbers their plural forms read.
    const inLanguage = (locale: Locale) => {
      const t = documentsTranslator(locale);
      const stops = mine.stops.map((s) => {
        const count = { machine: s.name, units: s.units, unitCount: String(s.units) };
        return s.locationName ? t("routeNotice.stopAt", { ...count, location: s.locationName }) : t("routeNotice.stop", count);
      });
      return {
        title: t("routeNotice.title", { stops: mine.stops.length, stopCount: String(mine.stops.length), units, unitCount: String(units) }),
        text: [t("routeNotice.heading", { routes: [...mine.routeNames].join(t("routeNotice.separator")), day: today }), ...stops].join("\n"),
      };
    };
    await notifyMembers(ctx, { userIds: [technicianId], eventType: "plan.accepted", severity: "info", ...inLanguage("en"), inLanguage, link: "/routes/today" });
  }
  await recordAudit(ctx, {
    action: "plan.accepted",
    targetType: "plan",
    targetId: inserted.id,
    data: { day: today, stops: stops.length, notified: inserted.notified.length },
  });
  return { ...(await viewOf(ctx, inserted)), alreadyAccepted: false };
}
