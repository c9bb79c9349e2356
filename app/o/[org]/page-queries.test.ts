import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { findUnsafeText } from "~/server/input/text";
import { appRouter } from "~/server/trpc/root";
import { alertsListInput, alertsQueryFrom } from "./alerts/alerts-query";
import { fleetListInput, fleetQueryFrom } from "./machines/fleet-query";
import { ordersListInput, ordersQueryFrom } from "./orders/orders-query";
import { periodOf, rankingsQueryFrom } from "./rankings/rankings-query";
import { refundsListInput, refundsQueryFrom } from "./refunds/refunds-query";
import { chosenRouteId } from "./routes/today/chosen-route";
import { salesListInput, salesQueryFrom } from "./sales/sales-query";

// The procedure ladder refuses unsafe text before a procedure runs, then the procedure parses its input.
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[] } }>;
function refusal(path: string, input: unknown): string | null {
  const unsafe = findUnsafeText(input);
  if (unsafe) return unsafe.message;
  for (const schema of procedures[path]!._def.inputs) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return parsed.error.message;
  }
  return null;
}

const orgId = "org_pageQueries0000000";
// Addresses the hostile probe sent, and more of the same kind, to every page's filter keys.
const values = ["machine%00", "'%20or%201=1%20--", "𝕍𝕖𝕟𝕕", "%07bell", "eyJhIjoxfQ", "tail%EF%BF%BD", "+", "a".repeat(3000), "2026-02-30", "toString", "__proto__", "-1", "%E2%80%AE"];
const keys = ["q", "from", "to", "route", "register", "location", "machine", "machineId", "locationId", "productId", "email", "status", "origin", "days", "sort", "dir", "severity", "state", "rule", "paymentMethod"];
const hostileAddresses = values.flatMap((value, v) => [keys.map((key) => `${key}=${value}`).join("&"), `${keys[v % keys.length]}=${value}&${keys[(v + 3) % keys.length]}=${value}`]);

describe("every list page's filter, read from a hostile address", () => {
  it.each(hostileAddresses.map((a) => [a.slice(0, 60), a]))("becomes input the procedures accept: %s", (_, address) => {
    const params = new URLSearchParams(address);
    const sales = salesQueryFrom(params);
    const inputs: [string, unknown][] = [
      ["machines.list", fleetListInput(orgId, fleetQueryFrom(params))],
      ["alerts.list", alertsListInput(orgId, alertsQueryFrom(params))],
      ["orders.list", ordersListInput(orgId, ordersQueryFrom(params))],
      ["refunds.list", refundsListInput(orgId, refundsQueryFrom(params))],
      ["sales.list", salesListInput(orgId, sales)],
      ["sales.totals", { orgId, ...sales }],
      ["sales.byDay", { orgId, ...sales }],
      ["analytics.rankings", { orgId, ...(() => { const r = rankingsQueryFrom(params); return periodOf(r.days, "Europe/Berlin", r.locationId); })() }],
    ];
    for (const [path, input] of inputs) expect(refusal(path, input), `${path} ${JSON.stringify(input).slice(0, 200)}`).toBeNull();
  });

  it("keeps the filters an operator sets", () => {
    const params = new URLSearchParams("q=Lobby&location=loc_1&machine=mch_2&machineId=mch_3&days=90&status=failed");
    expect(fleetQueryFrom(params)).toMatchObject({ search: "Lobby", locationId: "loc_1" });
    expect(alertsQueryFrom(params)).toMatchObject({ machineId: "mch_2", locationId: "loc_1" });
    expect(ordersQueryFrom(params)).toEqual({ status: "failed", machineId: "mch_3" });
    expect(rankingsQueryFrom(params)).toEqual({ days: "90", locationId: "loc_1" });
    expect(salesQueryFrom(params)).toMatchObject({ machineId: "mch_3", status: "failed" });
  });

  it("reads a period name only from its own choices, not from what every object has", () => {
    expect(rankingsQueryFrom(new URLSearchParams("days=toString")).days).toBe("30");
    expect(rankingsQueryFrom(new URLSearchParams("days=constructor")).days).toBe("30");
  });
});

describe("the technician's route of the day", () => {
  const routes = { mine: [{ id: "rte_mine" }], all: [{ id: "rte_other" }, { id: "rte_mine" }] };
  it("is the one asked for only when it is one of the org's routes", () => {
    expect(chosenRouteId("rte_other", routes)).toBe("rte_other");
    expect(chosenRouteId("rte_elsewhere", routes)).toBe("rte_mine");
    expect(chosenRouteId("machine\u0000", routes)).toBe("rte_mine");
    expect(chosenRouteId(undefined, { mine: [], all: [{ id: "rte_other" }] })).toBe("rte_other");
    expect(chosenRouteId("rte_x", { mine: [], all: [] })).toBeUndefined();
  });
});
