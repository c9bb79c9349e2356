// A demo operator's machines and their planograms, worked out from its catalog and places:
// deterministic, so every fresh demo has the same fleet.
import "server-only";

import type { MachineSpec } from "~/sim/model";
import { Random } from "~/sim/random";
import type { DemoLocation, DemoProduct, MachineTypeKey, Shelf } from "./catalog-data";
import { demoVending } from "./demo-vending";
import type { DemoOperator } from "./operator";

/** A type of machine; what it is called and its model name come from the operator. */
interface MachineType {
  code: string;
  firmware: string;
  /** One shelf per row, top to bottom; `columns` slots each. */
  rows: Shelf[];
  columns: number;
  coolingC: number | null;
  /** Demand relative to a drinks machine at the same place. */
  demand: number;
}

const machineTypes: Record<MachineTypeKey, MachineType> = {
  drinks: { code: "CD24", firmware: "4.2.1", rows: ["drink", "drink", "drink", "drink"], columns: 6, coolingC: 4, demand: 1 },
  snacks: { code: "S36", firmware: "3.9.4", rows: ["snack", "snack", "snack", "snack", "snack", "snack"], columns: 6, coolingC: null, demand: 0.85 },
  combo: { code: "C32", firmware: "4.2.1", rows: ["snack", "snack", "drink", "drink"], columns: 8, coolingC: 5, demand: 1.1 },
  fresh: { code: "F20", firmware: "2.7.0", rows: ["fresh", "fresh", "fresh", "drink"], columns: 5, coolingC: 3.5, demand: 0.6 },
};

/** Vends on an ordinary weekday for a drinks machine at each kind of place. */
const placeDemand: Record<DemoLocation["kind"], number> = {
  station: 40, airport: 36, hospital: 27, office: 21, school: 22, university: 21, factory: 23, gym: 15, hotel: 11, retail: 18, other: 15,
};

type Tag = NonNullable<DemoProduct["tags"]>[number];
/** How much more (or less) a kind of place buys products with a tag; 0 means not sold there. */
const affinity: Partial<Record<DemoLocation["kind"], Partial<Record<Tag, number>>>> = {
  school: { energy: 0, coffee: 0.3, kids: 1.8 },
  gym: { sport: 3, kids: 0.5, meal: 0.7 },
  office: { coffee: 2, meal: 1.3, kids: 0.7 },
  hospital: { meal: 1.4, coffee: 1.3 },
  station: { coffee: 1.3, meal: 1.2 },
  airport: { coffee: 1.4, meal: 1.3 },
  factory: { energy: 1.8, meal: 1.6, coffee: 1.3 },
  university: { coffee: 1.5, energy: 1.4 },
  hotel: { meal: 0.7, kids: 0.8 },
};

export interface PlannedSlot {
  code: string;
  sku: string;
  capacity: number;
  parLevel: number;
  priceOverrideMinor: number | null;
  /** What the machine charges: the override, else the product's price. */
  priceMinor: number;
  weight: number;
}

export interface PlannedMachine {
  name: string;
  serial: string;
  model: string;
  location: DemoLocation;
  spec: MachineSpec;
  slots: PlannedSlot[];
}

function appeal(product: DemoProduct, kind: DemoLocation["kind"]): number {
  const factors = affinity[kind] ?? {};
  return (product.tags ?? []).reduce((a, tag) => a * (factors[tag] ?? 1), product.popularity);
}

/** Fills a machine's rows: the most wanted products first, the best sellers in two slots when there is room. */
function planogram(rng: Random, operator: DemoOperator, type: MachineType, location: DemoLocation): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  const rowsOf = (shelf: Shelf) => type.rows.flatMap((s, i) => (s === shelf ? [String.fromCharCode(65 + i)] : []));
  for (const shelf of ["drink", "snack", "fresh"] as const) {
    const rows = rowsOf(shelf);
    const count = rows.length * type.columns;
    if (count === 0) continue;
    const ranked = operator.products
      .filter((p) => p.shelf === shelf)
      .map((p) => ({ product: p, score: appeal(p, location.kind) * Math.exp(rng.normal(0, 0.3)) }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score);
    const doubled = Math.max(0, count - ranked.length);
    const facings = ranked.slice(0, count).flatMap((c, i) => (i < doubled ? [c, c] : [c])).slice(0, count);
    const codes = rows.flatMap((row) => Array.from({ length: type.columns }, (_, c) => `${row}${c + 1}`));
    facings.forEach(({ product, score }, i) => {
      const extra = operator.premiumMinor[location.kind] ?? 0;
      const sameProduct = facings.filter((f) => f.product === product).length;
      slots.push({
        code: codes[i]!,
        sku: product.sku,
        capacity: product.capacity,
        parLevel: Math.ceil(product.capacity * 0.3),
        priceOverrideMinor: extra > 0 ? product.priceMinor + extra : null,
        priceMinor: product.priceMinor + extra,
        weight: Math.round((score / sameProduct) * 1000) / 1000,
      });
    });
  }
  return slots.sort((a, b) => a.code.localeCompare(b.code, "en", { numeric: true }));
}

/** The 40 machines of Demo Vending across its 11 places (another seed: another fleet like it). */
export function planDemoFleet(seed?: string): PlannedMachine[] {
  return planFleet(demoVending, seed);
}

/** An operator's machines across its places, with their planograms and traffic models. */
export function planFleet(operator: DemoOperator, seed = operator.fleetSeed): PlannedMachine[] {
  const rng = new Random(seed);
  const machines: PlannedMachine[] = [];
  const serials = new Set<string>();
  const { timeZone, currency } = operator.org;
  for (const location of operator.locations) {
    const seen = new Map<MachineTypeKey, number>();
    for (const key of location.machines) {
      const type = machineTypes[key];
      const { label, model } = operator.machineTypes[key];
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const slots = planogram(rng, operator, type, location);
      const underground = location.kind === "station";
      let serial: string;
      do serial = `VC-${type.code}-${String(rng.int(100000, 999999))}`;
      while (serials.has(serial));
      serials.add(serial);
      machines.push({
        name: `${location.short} ${label}${location.machines.filter((k) => k === key).length > 1 ? ` ${n}` : ""}`,
        serial,
        model,
        location,
        slots,
        spec: {
          kind: location.kind,
          timeZone,
          currency,
          ...paymentsAt(operator, location.kind),
          slots: slots.map((s) => ({ code: s.code, priceMinor: s.priceMinor, capacity: s.capacity, parLevel: s.parLevel, weight: s.weight })),
          dailyVends: Math.round(placeDemand[location.kind] * type.demand * Math.exp(rng.normal(0, 0.15)) * 10) / 10,
          coolingC: type.coolingC,
          firmware: type.firmware,
          signalDbm: Math.round(underground ? rng.between(-92, -80) : rng.between(-75, -58)),
        },
      });
    }
  }
  return machines;
}

/** The operator's payment mix at a kind of place, when it has one of its own. */
function paymentsAt(operator: DemoOperator, kind: DemoLocation["kind"]): Pick<MachineSpec, "payments"> {
  if (!operator.payments) return {};
  return { payments: operator.payments.byKind?.[kind] ?? operator.payments.all };
}
