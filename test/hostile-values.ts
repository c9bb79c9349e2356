import fc from "fast-check";
import type { z } from "zod";

/**
 * fast-check arbitraries derived from a zod 4 input schema: values shaped like what the schema
 * expects (ids of real rows, real dates, enum members), with any field swapped for a hostile value
 * of its kind, a value of the wrong type, or left out.
 */

/** Text no field may store: NUL, control characters, unpaired surrogates, 100 kB. */
export const hostileText = ["\u0000", "machine\u0000", "\u0007bell", "\u001b[31mred", "\u007f", "\u0085", "\ud800", "tail\udfff", "x".repeat(100_000)];

/** Values that look like days, months or page cursors but are not real ones. */
export const hostileCalendar = ["2026-02-30", "2026-13-99", "0000-01-01", "9999-12-31", "2026-02", "0000-00", "2026-00"];
export const hostileCursors = ["2026-02-30T00:00:00.000Z|sal_x", "0000-01-01T00:00:00.000Z|sal_x", "not-a-time|sal_x", "1|x", "|", "2026-11-20T12:00:00.000Z|"];

/** Strings that must never reach the database unchecked, nor make it fail. */
export const hostileStrings = [...hostileText, ...hostileCalendar, ...hostileCursors, "' or 1=1 --", "%00", "", " ", "1e309", "-1"];

export const hostileNumbers = [
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  -1,
  0,
  -0,
  0.5,
  1e-300,
  5e-324,
];

export const hostileDates = [new Date(8.64e15), new Date(-8.64e15), new Date("0001-01-01T00:00:00Z"), new Date(0), new Date("9999-12-31T23:59:59Z")];

export const wrongTypes: unknown[] = [null, true, 0, 1.5, "text", [], [null], {}, { nested: { deeper: ["\u0000"] } }, { "\u0000": 1 }];

/** Values that look right for a field, by its name: the fixture's ids, real dates, short text. */
export type PlausibleText = (key: string) => string[];

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

interface Weights {
  /** How often a field keeps a plausible value rather than a hostile, wrong or missing one. */
  plausible: number;
}

function hostileOfKind(def: Def): fc.Arbitrary<unknown> {
  switch (def.type) {
    case "number":
    case "int":
      return fc.constantFrom(...hostileNumbers);
    case "date":
      return fc.constantFrom(...hostileDates);
    case "string":
    case "enum":
    case "literal":
      return fc.constantFrom(...hostileStrings);
    default:
      return fc.constantFrom(...hostileStrings, ...hostileNumbers);
  }
}

function plausibleOf(schema: unknown, key: string, text: PlausibleText, weights: Weights): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "string": {
      const options = text(key);
      return options.length > 0 ? fc.constantFrom(...options) : fc.string({ maxLength: 12 });
    }
    case "number":
    case "int":
      return fc.oneof(fc.constantFrom(1, 2, 5, 10, 50), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }));
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true });
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "null":
      return fc.constant(null);
    case "optional":
    case "nonoptional":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
      return plausibleOf(def.innerType, key, text, weights);
    case "nullable":
      return fc.oneof({ weight: 4, arbitrary: plausibleOf(def.innerType, key, text, weights) }, { weight: 1, arbitrary: fc.constant(null) });
    case "pipe":
      return plausibleOf(defOf(def.in).type === "transform" ? def.out : def.in, key, text, weights);
    case "lazy":
      return plausibleOf((def.getter as () => unknown)(), key, text, weights);
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((option) => valueFor(option, key, text, weights)));
    case "intersection":
      return fc
        .tuple(valueFor(def.left, key, text, weights), valueFor(def.right, key, text, weights))
        .map(([left, right]) => (isRecord(left) && isRecord(right) ? { ...left, ...right } : left));
    case "object":
      return objectOf(def.shape as Record<string, unknown>, text, weights);
    case "array":
      return fc.array(valueFor(def.element, key, text, weights), { maxLength: 3 });
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map((item) => valueFor(item, key, text, weights)));
    case "record":
      return fc.dictionary(fc.constantFrom("a", "b", key), valueFor(def.valueType, key, text, weights), { maxKeys: 3 });
    default:
      return fc.constantFrom(...wrongTypes);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A field's value: mostly plausible, sometimes hostile of its kind, of the wrong type, or left out. */
function valueFor(schema: unknown, key: string, text: PlausibleText, weights: Weights): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = ["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"].includes(def.type) ? defOf(def.innerType) : def;
  return fc.oneof(
    { weight: weights.plausible, arbitrary: plausibleOf(schema, key, text, weights) },
    { weight: 2, arbitrary: hostileOfKind(inner) },
    { weight: 1, arbitrary: fc.constantFrom(...wrongTypes) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function objectOf(shape: Record<string, unknown>, text: PlausibleText, weights: Weights): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    // The org is almost always the caller's own, so most calls get past membership to the service.
    Object.entries(shape).map(([key, field]) => [key, key === "orgId" ? fc.oneof({ weight: 12 * weights.plausible, arbitrary: plausibleOf(field, key, text, weights) }, { weight: 1, arbitrary: valueFor(field, key, text, weights) }) : valueFor(field, key, text, weights)]),
  );
  return fc.record(fields).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
}

function mergedInput(inputs: readonly z.ZodType[], text: PlausibleText, weights: Weights): fc.Arbitrary<unknown> {
  return fc.tuple(...inputs.map((schema) => plausibleOf(schema, "", text, weights))).map((parts) => (parts.every(isRecord) ? Object.assign({}, ...parts) : parts.at(-1)));
}

/** Every place in `value` a fault can go: the paths of its fields and elements, nested. */
function placesIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...path, i], ...placesIn(item, [...path, i])]);
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => [[...path, key], ...placesIn(item, [...path, key])]);
  return [];
}

const calendarFields = new Set(["from", "to", "day", "month", "before", "since"]);

/** A fault for the value `current` of field `key`; for strings, also the faults its name invites. */
function faultFor(current: unknown, key: string | number | undefined, pick: number): unknown {
  let pool: unknown[] = wrongTypes;
  if (typeof current === "string") {
    const invited = key === "cursor" ? hostileCursors : typeof key === "string" && calendarFields.has(key) ? hostileCalendar : [];
    pool = [...invited, ...invited, ...hostileStrings];
  } else if (typeof current === "number") pool = hostileNumbers;
  else if (current instanceof Date) pool = hostileDates;
  const choices = [...pool, ...wrongTypes.slice(0, 3), undefined];
  return choices[pick % choices.length];
}

/** `value` with the thing at `path` replaced (or removed, for undefined). */
function withFault(value: unknown, path: (string | number)[], fault: (current: unknown) => unknown): unknown {
  if (path.length === 0) return fault(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? withFault(item, rest, fault) : item));
  const record = { ...(value as Record<string, unknown>) };
  const replaced = withFault(record[head], rest, fault);
  if (replaced === undefined) delete record[head];
  else record[head] = replaced;
  return record;
}

/**
 * Inputs for a procedure whose input schemas are `inputs` (tRPC merges several object inputs into
 * one). Half are a plausible input with exactly one field, element or value made hostile (so the
 * rest passes validation and the fault reaches as deep as it can); the rest have any number of
 * hostile, wrong or missing fields, and now and then the input is wholly the wrong thing.
 */
export function hostileInputs(inputs: readonly z.ZodType[], text: PlausibleText): fc.Arbitrary<unknown> {
  const wholeFaults = fc.constantFrom(undefined, ...wrongTypes, ...hostileText);
  if (inputs.length === 0) return wholeFaults;
  const oneFault = fc.tuple(mergedInput(inputs, text, { plausible: 1_000_000 }), fc.nat(), fc.nat()).map(([base, where, pick]) => {
    const places = placesIn(base);
    if (places.length === 0) return faultFor(base, undefined, pick);
    const place = places[where % places.length]!;
    return withFault(base, place, (current) => faultFor(current, place.at(-1), pick));
  });
  return fc.oneof(
    { weight: 6, arbitrary: oneFault },
    { weight: 5, arbitrary: mergedInput(inputs, text, { plausible: 8 }) },
    { weight: 1, arbitrary: wholeFaults },
  );
}

/**
 * The faults every procedure gets besides the random ones, from one plausible input: a NUL in each
 * text field, and each malformed day, month or cursor in each field named for one.
 */
export function targetedFaults(inputs: readonly z.ZodType[], text: PlausibleText, seed: number): unknown[] {
  if (inputs.length === 0) return [];
  const [base] = fc.sample(mergedInput(inputs, text, { plausible: 1_000_000 }), { seed, numRuns: 1 });
  return placesIn(base).flatMap((place) => {
    const key = place.at(-1);
    let current: unknown = base;
    for (const step of place) current = (current as Record<string | number, unknown>)[step];
    if (typeof current !== "string") return [];
    const invited = key === "cursor" ? hostileCursors : typeof key === "string" && calendarFields.has(key) ? hostileCalendar : [];
    return ["\u0000", ...invited].map((fault) => withFault(base, place, () => fault));
  });
}
