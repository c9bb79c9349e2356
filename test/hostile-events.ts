import fc from "fast-check";
import type { RejectionCode } from "~/server/ingest";

// Seeded machine events for the events fuzz: valid ones of every type, and ones with exactly one
// planted defect whose rejection code is known in advance (the test's oracle).

export type Verdict = "accepted" | "duplicate" | RejectionCode;
export interface FuzzEvent {
  event: unknown;
  expected: Verdict;
}

/** Stand-ins for numbers JSON can spell but JavaScript cannot hold (`1e400` parses to Infinity). */
const INFINITE = { "\u0001INF": "1e400", "\u0001-INF": "-1e400" } as const;

/** The JSON body a machine would send, with the infinite stand-ins written as JSON numbers. */
export function bodyOf(events: unknown[]): string {
  let body = JSON.stringify({ events });
  for (const [marker, number] of Object.entries(INFINITE)) body = body.replaceAll(JSON.stringify(marker), number);
  return body;
}

const SLOTS = ["A1", "A2", "B1"] as const;
const DAY = 86_400_000;
type Path = (string | number)[];
interface Draft {
  type: string;
  occurredAt: unknown;
  data: Record<string, unknown>;
  /** Fields the protocol does not know, next to id and type: ignored, never stored. */
  extra?: Record<string, unknown>;
}

const eventOf = ({ extra, ...draft }: Draft, id: unknown) => ({ ...extra, id, ...draft });

const FORBIDDEN = /[\p{Cc}\p{Cs}]/u;
/** Text a machine may send: any Unicode without control characters, of the field's length. */
const text = (max: number, min = 0): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 12) }),
      fc.string({ unit: "binary", minLength: min, maxLength: Math.min(max, 12) }),
      fc.constantFrom("'; drop table sales; --", "\\\"%s${x}", "\u200b\ufeff\ufffd\uffff", "e\u0301\u{1F469}\u200d\u{1F52C}", "\u05e9\u05dc\u05d5\u05dd"),
      fc.constant("\u{1F600}".repeat(Math.floor(max / 2))),
    )
    .filter((s) => s.length >= min && s.length <= max && !FORBIDDEN.test(s));

/** One character Postgres or the protocol refuses: NUL, other C0 and C1 controls, DEL, unpaired surrogates. */
const forbiddenPiece = fc.oneof(
  fc.constantFrom("\u0000", "\u007f", "\u0085", "\u009f", "\ud800", "\udbff", "\udc00", "\udfff", "\udc00\ud800"),
  fc.integer({ min: 1, max: 31 }).filter((c) => ![9, 10, 13].includes(c)).map((c) => String.fromCharCode(c)),
);
/** A string no known text field accepts: a forbidden character somewhere, or 100 kB. */
const hostileText = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(text(6), forbiddenPiece, text(6)).map(([a, bad, b]) => a + bad + b) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(100_000), "\u{1F600}".repeat(50_000)) },
);
/** Values of the wrong JSON type: for a text field, and for a number, boolean or object field. */
const notText = fc.constantFrom<unknown>(null, 42, [], {}, ["A1"], { nested: { deeper: [1, 2] } });
const notNumberOrObject = fc.constantFrom<unknown>(null, "42", "", [], ["A1"], [{}]);

function timestamp(ms: number, offsetMinutes: number, fraction: boolean): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const clock = fraction ? local.slice(0, 23) : local.slice(0, 19);
  if (offsetMinutes === 0) return `${clock}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${clock}${offsetMinutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const validAt = (now: number) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.integer({ min: now - 30 * DAY, max: now + 23 * 3_600_000 }), fc.constantFrom(0, 0, 60, 330, -480, 840), fc.boolean()).map(([ms, off, frac]) => timestamp(ms, off, frac)) },
    { weight: 1, arbitrary: fc.constantFrom("2000-01-01T00:00:00Z", "2000-01-01T01:00:00+01:00", "2024-02-29T12:00:00.5Z", "2026-06-01t12:00:00z") },
  );

const invalidAt = (now: number) =>
  fc.oneof(
    fc.constantFrom<unknown>(
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00Z",
      "1999-12-31T23:59:59.999Z",
      "2000-01-01T00:30:00+01:00",
      "2026-02-30T10:00:00Z",
      "2025-02-29T10:00:00Z",
      "2026-04-31T10:00:00Z",
      "2026-13-01T10:00:00Z",
      "2026-00-10T10:00:00Z",
      "2026-01-00T10:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T23:60:00Z",
      "2026-01-01T23:59:60Z",
      "2026-01-01T10:00:00+24:00",
      "2026-01-01T10:00:00+05:60",
      "9999-12-31T23:59:59Z",
      "+275760-09-13T00:00:00Z",
      "-000001-01-01T00:00:00Z",
      "",
      "yesterday",
      "2026-01-01",
      "2026-01-01 10:00:00Z",
      "2026-01-01T10:00:00",
      1_764_000_000,
      null,
      undefined,
      [],
    ),
    fc.integer({ min: 0, max: 1999 }).map((y) => `${String(y).padStart(4, "0")}-06-15T12:00:00Z`),
    fc.integer({ min: now + 25 * 3_600_000, max: now + 100 * 365 * DAY }).map((ms) => new Date(ms).toISOString()),
    hostileText,
  );

const minor = fc.oneof(fc.constantFrom(0, 100_000_000), fc.integer({ min: 1, max: 100_000_000 }));
const method = fc.constantFrom("cash", "card", "alipay", "wechat_pay", "online", "free");
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const faultCode = fc.oneof(fc.constantFrom("COIN_JAM", "DOOR_SENSOR", "E42"), text(64, 1));

const vendData = fc.record(
  {
    slot: fc.constantFrom(...SLOTS, "a1", "b1"),
    priceMinor: minor,
    currency: fc.constant("EUR"),
    payment: fc.record({ method, reference: optional(text(200)) }, { requiredKeys: ["method"] }),
    orderId: optional(text(64)),
    consumerId: optional(fc.oneof(fc.constantFrom("member-1", "member-2"), text(64))),
  },
  { requiredKeys: ["slot", "priceMinor", "currency", "payment"] },
);

const dataOf: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  "machine.heartbeat": fc.record(
    {
      temperatureC: fc.double({ min: -100, max: 200, noNaN: true }),
      doorOpen: fc.boolean(),
      firmware: text(64),
      signalDbm: fc.double({ min: -200, max: 50, noNaN: true }),
    },
    { requiredKeys: [] },
  ),
  "vend.succeeded": vendData,
  "vend.failed": fc.tuple(vendData, fc.constantFrom("dispense_failed", "jammed", "sold_out", "timeout", "other")).map(([d, reason]) => ({ ...d, reason })),
  "machine.fault": fc.record({ code: faultCode, severity: fc.constantFrom("info", "warning", "critical"), message: optional(text(500)) }, { requiredKeys: ["code", "severity"] }),
  "machine.fault_cleared": fc.record({ code: faultCode }),
  "inventory.restocked": fc.record(
    { slots: fc.array(fc.record({ slot: fc.constantFrom(...SLOTS), quantity: fc.oneof(fc.constantFrom(0, 9999), fc.integer({ min: 0, max: 40 })) }), { minLength: 1, maxLength: 4 }), visitId: optional(text(64)) },
    { requiredKeys: ["slots"] },
  ),
  "cash.collected": fc.record({ amountMinor: minor, currency: fc.constant("EUR") }),
};

/** Every field of every event type the protocol knows, by kind: where a defect can be planted. */
const FIELDS: Record<string, { text: Path[]; number: Path[]; other: Path[] }> = {
  "machine.heartbeat": { text: [["firmware"]], number: [["temperatureC"], ["signalDbm"]], other: [["doorOpen"]] },
  "vend.succeeded": { text: [["slot"], ["payment", "reference"], ["orderId"], ["consumerId"], ["currency"], ["payment", "method"]], number: [["priceMinor"]], other: [["payment"]] },
  "vend.failed": { text: [["slot"], ["payment", "reference"], ["orderId"], ["consumerId"], ["currency"], ["payment", "method"], ["reason"]], number: [["priceMinor"]], other: [["payment"]] },
  "machine.fault": { text: [["code"], ["message"], ["severity"]], number: [], other: [] },
  "machine.fault_cleared": { text: [["code"]], number: [], other: [] },
  "inventory.restocked": { text: [["slots", 0, "slot"], ["visitId"]], number: [["slots", 0, "quantity"]], other: [["slots"], ["slots", 0]] },
  "cash.collected": { text: [["currency"]], number: [["amountMinor"]], other: [] },
};
const TYPES = Object.keys(dataOf);

/** Numbers out of each field's range: too big, negative, fractional, unsafe or infinite. */
const badNumber: Record<string, unknown[]> = {
  priceMinor: [-1, 0.5, 100_000_001, 1e20, Number.MAX_SAFE_INTEGER + 2, "250", "\u0001INF"],
  amountMinor: [-1, 2.5, 100_000_001, 1e20, "\u0001-INF"],
  quantity: [-1, 10_000, 1.5, 1e12, "\u0001INF"],
  temperatureC: [200.001, -100.5, 1e300, "\u0001INF", "\u0001-INF"],
  signalDbm: [50.5, -200.1, -1e300, "\u0001INF"],
};

function withField(data: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(data);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

type Case = { kind: "draft"; draft: Draft; expected: Verdict } | { kind: "bad-id"; id: unknown; draft: Draft } | { kind: "raw"; value: unknown } | { kind: "repeat"; pick: number };

/** One event case: valid (most), or with one defect whose rejection code is known. */
export function eventCase(now: number): fc.Arbitrary<Case> {
  const draft = fc.constantFrom(...TYPES).chain((type) => fc.record({ type: fc.constant(type), occurredAt: validAt(now), data: dataOf[type]! }));
  const planted = (expected: Verdict, arb: fc.Arbitrary<Draft>) => arb.map((d): Case => ({ kind: "draft", draft: d, expected }));
  const pick = <T>(list: T[]) => fc.integer({ min: 0, max: 1_000 }).map((i) => list[i % list.length]!);
  return fc.oneof(
    { weight: 40, arbitrary: planted("accepted", draft) },
    {
      weight: 3,
      arbitrary: planted(
        "accepted",
        fc.tuple(draft, text(12), hostileText).map(([d, key, value]) => ({ ...d, data: { ...d.data, [`x-${key}\u0000`]: value }, extra: { [`\u0000${key}`]: value, note: { deep: [value] } } })),
      ),
    },
    { weight: 8, arbitrary: planted("invalid_occurred_at", fc.tuple(draft, invalidAt(now)).map(([d, occurredAt]) => ({ ...d, occurredAt }))) },
    {
      weight: 16,
      arbitrary: planted(
        "invalid_data",
        draft.chain((d) => fc.tuple(pick(FIELDS[d.type]!.text), hostileText).map(([path, value]) => ({ ...d, data: withField(d.data, path, value) }))),
      ),
    },
    {
      weight: 8,
      arbitrary: planted(
        "invalid_data",
        draft
          .filter((d) => FIELDS[d.type]!.number.length > 0)
          .chain((d) => pick(FIELDS[d.type]!.number).chain((path) => pick(badNumber[path.at(-1) as string]!).map((value) => ({ ...d, data: withField(d.data, path, value) })))),
      ),
    },
    {
      weight: 5,
      arbitrary: planted(
        "invalid_data",
        draft.chain((d) => {
          const f = FIELDS[d.type]!;
          const wrong = fc.oneof(fc.tuple(pick(f.text), notText), fc.tuple(pick([...f.number, ...f.other, ["__data__"]]), notNumberOrObject));
          return wrong.map(([path, value]) => ({ ...d, data: path[0] === "__data__" ? (["x"] as never) : withField(d.data, path, value) }));
        }),
      ),
    },
    {
      weight: 5,
      arbitrary: planted(
        "currency_mismatch",
        fc.tuple(draft.filter((d) => "currency" in d.data), fc.constantFrom("USD", "JPY", "CHF", "GBP", "KWD", "CNY")).map(([d, currency]) => ({ ...d, data: { ...d.data, currency } })),
      ),
    },
    { weight: 2, arbitrary: planted("unknown_slot", fc.tuple(draft.filter((d) => "slot" in d.data), fc.constantFrom("Z9", "C7", "a9")).map(([d, slot]) => ({ ...d, data: { ...d.data, slot } }))) },
    { weight: 3, arbitrary: planted("unknown_type", fc.tuple(draft, fc.oneof(fc.constantFrom<unknown>("toString", "__proto__", "constructor", "valueOf", "VEND.SUCCEEDED", "vend.succeeded ", "", 42, null), hostileText)).map(([d, type]) => ({ ...d, type: type as string }))) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("bad-id" as const),
        id: fc.oneof(fc.constantFrom<unknown>("", "has space", "x".repeat(65), "\u00fc", 123, null, undefined, "x".repeat(100_000)), hostileText),
        draft,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("raw" as const), value: fc.constantFrom<unknown>("vend", 42, null, [], true) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("repeat" as const), pick: fc.nat() }) },
  );
}

let counter = 0;
const freshId = () => (++counter % 7 === 0 ? `fz-${counter}-`.padEnd(64, "_.:-") : `fz-${counter}`);

/**
 * Turns cases into events: fresh ids, and repeats of events accepted before (`accepted`, in any
 * earlier batch or earlier in this one), which must come back as duplicates.
 */
export function assemble(cases: Case[], accepted: { id: string }[]): FuzzEvent[] {
  const thisBatch: { id: string }[] = [];
  return cases.map((c): FuzzEvent => {
    if (c.kind === "raw") return { event: c.value, expected: "invalid_id" };
    if (c.kind === "bad-id") return { event: eventOf(c.draft, c.id), expected: "invalid_id" };
    if (c.kind === "repeat") {
      const pool = [...accepted, ...thisBatch];
      if (pool.length > 0) return { event: pool[c.pick % pool.length], expected: "duplicate" };
      return { event: { id: freshId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} }, expected: "accepted" };
    }
    const id = freshId();
    const event = eventOf(c.draft, id);
    if (c.expected === "accepted") thisBatch.push({ ...event, id });
    return { event, expected: c.expected };
  });
}
