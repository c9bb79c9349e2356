import fc from "fast-check";

// Seeded hostile values for probing VendOps over HTTP from outside: text no field may store, dates
// and cursors that only look right, numbers past every limit, values of the wrong type, address
// segments and query strings, and machine event batches with planted defects. Everything is drawn
// with fast-check from fixed seeds, so a run sends the same requests every time.

/** Text no field may store: NUL, control characters, unpaired surrogates, 100 kB. */
export const hostileText = ["\u0000", "machine\u0000", "\u0007bell", "\u001b[31mred", "\u007f", "\u0085", "\ud800", "tail\udfff", "\udc00\ud800", "x".repeat(100_000)];

/** Values that look like days, months or page cursors but are not real ones. */
export const hostileCalendar = ["2026-02-30", "2026-13-99", "0000-01-01", "0001-01-01", "9999-12-31", "2026-02", "0000-00", "2026-00", "+275760-09-13", "2026-1-1"];
export const hostileCursors = ["2026-02-30T00:00:00.000Z|sal_x", "0000-01-01T00:00:00.000Z|sal_x", "not-a-time|sal_x", "1|x", "|", "2026-11-20T12:00:00.000Z|", "eyJhIjoxfQ", "-1"];

/** Strings that must never reach the database unchecked, nor make it fail. */
export const hostileStrings = [...hostileText, ...hostileCalendar, ...hostileCursors, "' or 1=1 --", "%00", "", " ", "1e309", "NaN", "<script>alert(1)</script>", "../../etc/passwd", "__proto__", "\u202eevil", "𝕍𝕖𝕟𝕕"];

export const hostileNumbers = [2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, -1, -0.5, 0.5, 1e-300];

export const wrongTypes: unknown[] = [null, true, 0, 1.5, "text", [], [null], {}, { nested: { deeper: ["\u0000"] } }, { "\u0000": 1 }, JSON.parse('{"__proto__": {"polluted": true}}')];

/** Hostile values for one field, by the kind of value it holds. */
export function hostileFor(key: string, current: unknown): unknown[] {
  if (typeof current === "number") return [...hostileNumbers, "12", null];
  if (typeof current === "boolean") return ["true", 1, null];
  if (Array.isArray(current)) return [[...Array(600).keys()], [hostileText[0]], [{}], "[]", {}];
  if (key === "cursor") return [...hostileCursors, ...hostileText.slice(0, 3)];
  if (/^(from|to|day|month|date|before|since|after|until)$/i.test(key)) return [...hostileCalendar, ...hostileText.slice(0, 3), 20261120];
  return [...hostileStrings, ...wrongTypes.slice(0, 5)];
}

/** Address segments that are not ids: encoded NUL, traversal, very long, malformed escapes, unicode. */
export const hostileSegments = [
  "%00",
  "..%2f..%2fetc%2fpasswd",
  "%2e%2e",
  "a".repeat(3000),
  "%",
  "%E0%A4%A",
  "%ED%A0%80",
  "%F0%9F%98%80",
  encodeURIComponent("машина-автомат"),
  encodeURIComponent("<script>alert(1)</script>"),
  encodeURIComponent("' or 1=1 --"),
  "%0d%0aset-cookie:%20x=1",
  "__proto__",
  "mch_AAAAAAAAAAAAAAAAAAAAAA",
];

/** Query parameters the pages and downloads read, and some they do not. */
export const queryNames = ["from", "to", "day", "month", "cursor", "status", "machine", "machineId", "location", "paymentMethod", "q", "sort", "dir", "severity", "state", "rule", "route", "days", "callbackUrl", "email", "invite", "canceled", "register", "reason", "operator"];

const queryValues = [...hostileStrings.filter((s) => s.length < 1000), "x".repeat(8000), "2026-11-01", "desc", "-1", "99999999999999999999"];

/** `count` query strings (without "?"): hostile values for known and unknown names, repeated keys, raw bad escapes. */
export function hostileQueries(count: number, seed: number): string[] {
  const pair = fc.tuple(fc.constantFrom(...queryNames), fc.constantFrom(...queryValues));
  const encoded = fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => new URLSearchParams(pairs).toString());
  const raw = fc.constantFrom("from=%&to=%E0%A4%A", "status=%00&status=%00", "__proto__[polluted]=1&constructor[prototype][x]=1", "month=%ED%A0%80", "cursor=%2e%2e%2f", "q=" + "%FF".repeat(200));
  return fc.sample(fc.oneof({ weight: 4, arbitrary: encoded }, { weight: 1, arbitrary: raw }), { seed, numRuns: count });
}

/** Where a sign-in could be sent next, none of them on this site. */
export const offSiteCallbacks = ["//evil.example", "/\t/evil.example/", "/\\evil.example", "https://evil.example/", "/%09/evil.example", "/.//evil.example", "javascript:alert(1)", "\u0000/orgs", "/orgs\r\nset-cookie: x=1", "x".repeat(10_000), "/%ED%A0%80"];

/** A stable seed for a name, so adding a procedure or page does not reshuffle the others. */
export function seedOf(name: string): number {
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/**
 * `count` inputs around `base` (a well-formed input): most with exactly one field made hostile,
 * some with an optional field the procedure may read added with a hostile value, a few wholly wrong.
 */
export function hostileInputs(base: Record<string, unknown>, count: number, seed: number, keep: string[] = []): unknown[] {
  const keys = Object.keys(base).filter((k) => !keep.includes(k));
  const optional = ["cursor", "from", "to", "month", "day", "limit", "status", "q", "machineId", "sort"].filter((k) => !(k in base));
  const oneField =
    keys.length === 0
      ? fc.constant(base as unknown)
      : fc.tuple(fc.constantFrom(...keys), fc.nat()).map(([key, pick]) => {
          const pool = hostileFor(key, base[key]);
          return { ...base, [key]: pool[pick % pool.length] };
        });
  const extraField = fc.tuple(fc.constantFrom(...optional), fc.nat()).map(([key, pick]) => {
    const pool = hostileFor(key, "");
    return { ...base, [key]: pool[pick % pool.length] };
  });
  const whole = fc.constantFrom<unknown>(undefined, ...wrongTypes, ...hostileText.slice(0, 3));
  return fc.sample(fc.oneof({ weight: 6, arbitrary: oneField }, { weight: 3, arbitrary: extraField }, { weight: 1, arbitrary: whole }), { seed, numRuns: count });
}

/** The id prefixes a field named `key` takes (`machineId` -> mch), most likely first. */
export function idPrefixesFor(key: string): string[] {
  const table: [RegExp, string[]][] = [
    [/^machine/i, ["mch"]],
    [/^alert/i, ["alr"]],
    [/^route/i, ["rte"]],
    [/^product/i, ["prd"]],
    [/^location/i, ["loc"]],
    [/^order/i, ["ord"]],
    [/^refund/i, ["rfd"]],
    [/^(sale|purchase)/i, ["sal"]],
    [/^request/i, ["rrq"]],
    [/^(webhook|endpoint)/i, ["whe"]],
    [/^(user|member|technician|assignee|owner|consumer)/i, ["usr"]],
    [/^visit/i, ["vis", "rvs"]],
    [/^invitation/i, ["inv"]],
    [/^delivery/i, ["dlv"]],
    [/^notification/i, ["ntf"]],
    [/^org/i, ["org"]],
  ];
  return table.find(([pattern]) => pattern.test(key))?.[1] ?? [];
}

/**
 * A value that should pass for field `key`, from its name and from what the server said it
 * expected (`hint`, a validation message): an id of a real row, a real day, a member of the enum.
 */
export function plausibleValue(key: string, hint: string, idFor: (prefixes: string[]) => string | undefined): unknown {
  const options = /expected one of (.+)$/.exec(hint)?.[1];
  if (options) return /"([^"]+)"/.exec(options)?.[1] ?? options.split("|")[0];
  if (/expected boolean/.test(hint)) return false;
  if (/expected array/.test(hint)) return /Ids$/.test(key) ? [idFor(idPrefixesFor(key)) ?? "x"] : [];
  if (/expected object/.test(hint)) return {};
  const least = /(?:>=|at least )(\d+)/i.exec(hint)?.[1];
  if (/expected string to have/.test(hint)) return "p".repeat(Number(least ?? 1));
  if (/expected number|integer|Too (small|big)|at least/i.test(hint) || /(Minor|quantity|capacity|Level|limit|days|count|points|Minutes|Hours|threshold|percent)$/i.test(key)) return Number(least ?? 1);
  if (/probability/i.test(hint)) return 0.5;
  if (/key/i.test(key)) return "probe-key-0001";
  if (/Ids?$/.test(key)) return idFor(idPrefixesFor(key)) ?? "mch_AAAAAAAAAAAAAAAAAAAAAA";
  if (/month/i.test(key) || /month like/.test(hint)) return "2026-11";
  if (/^(day|date|from|to|since|before|after|until)$/i.test(key) || /YYYY-MM-DD|day like/.test(hint)) return "2026-11-20";
  if (/email/i.test(key)) return "probe@example.test";
  if (/url/i.test(key)) return "https://hooks.example.test/vendops";
  if (/timeZone/i.test(key)) return "Europe/Berlin";
  if (/currency/i.test(key)) return "EUR";
  if (/role/i.test(key)) return "viewer";
  if (/slug/i.test(key)) return "probe-slug";
  if (/password/i.test(key)) return "Quiet-harbour-probe-lantern";
  return "Probe";
}

/* Machine events ------------------------------------------------------------------------------ */

const DAY = 86_400_000;
type Event = Record<string, unknown> & { data?: Record<string, unknown> };

/** Well-formed events of every type, for an org priced in EUR whose machine has slot A1. */
function validEvent(kind: number, id: string, at: number): Event {
  const occurredAt = new Date(at).toISOString();
  const vend = { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "card", reference: `pi_${id}` } };
  const shapes: [string, Record<string, unknown>][] = [
    ["machine.heartbeat", { temperatureC: 5.5, doorOpen: false, firmware: "2.4.1", signalDbm: -67 }],
    ["vend.succeeded", vend],
    ["vend.failed", { ...vend, payment: { method: "cash" }, reason: "jammed" }],
    ["machine.fault", { code: "E42", severity: "warning", message: "Coin jam" }],
    ["machine.fault_cleared", { code: "E42" }],
    ["inventory.restocked", { slots: [{ slot: "A1", quantity: 8 }] }],
    ["cash.collected", { amountMinor: 1200, currency: "EUR" }],
  ];
  const [type, data] = shapes[kind % shapes.length]!;
  return { id, type, occurredAt, data: structuredClone(data) };
}

/** Stand-in for a number JSON can spell but JavaScript cannot hold; written out as 1e400. */
const HUGE = "\u0001HUGE";

const badTimes: unknown[] = ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-11-24T25:61:00Z", "1999-12-31T23:59:59Z", "", "now", "2026-11-24", 0, 1e20, HUGE, null, [], {}, "2026-11-24T09:15:02\u0000Z"];
const badText: unknown[] = [...hostileText, 42, null, [], {}];
const badNumbers: unknown[] = [...hostileNumbers, HUGE, "250", null, true, []];
const badCurrencies: unknown[] = ["USD", "XXX", "eur", "", "EURO", 978, null, "E\u0000R"];
const badEnums: unknown[] = ["fatal", "", "CARD", "\u0000", 1, null];

/** Every place a defect can go in an event of this type, with the values to plant there. */
function defectsOf(event: Event): [string[], unknown[]][] {
  const places: [string[], unknown[]][] = [
    [["occurredAt"], badTimes],
    [["id"], ["", "a".repeat(65), "evt\u0000", "../x", "evt id", 123, null]],
    [["type"], ["__proto__", "toString", "vend.SUCCEEDED", "", null, 7]],
    [["data"], [null, [], "x", 1, JSON.parse('{"__proto__": {"polluted": true}}')]],
  ];
  const data = event.data ?? {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "currency") places.push([["data", key], badCurrencies]);
    else if (typeof value === "string" && ["severity", "reason"].includes(key)) places.push([["data", key], badEnums]);
    else if (typeof value === "string") places.push([["data", key], badText]);
    else if (typeof value === "number") places.push([["data", key], badNumbers]);
    else if (key === "payment") places.push([["data", "payment", "method"], badEnums], [["data", "payment", "reference"], badText]);
    else if (key === "slots") places.push([["data", "slots"], [[], [{ slot: "\u0000", quantity: 1 }], [{ slot: "A1", quantity: 1e308 }], [{ slot: "ZZ99", quantity: 1 }], "A1", Array(201).fill({ slot: "A1", quantity: 1 })]]);
  }
  return places;
}

function plant(event: Event, path: string[], value: unknown): Event {
  const copy = structuredClone(event) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy as Event;
}

/** The JSON body a machine would send, with HUGE written as a number past double precision. */
export function eventsBody(events: unknown[]): string {
  return JSON.stringify({ events }).replaceAll(JSON.stringify(HUGE), "1e400");
}

export interface EventBatch {
  body: string;
  /** How many events the body holds (results must match it when the batch is answered 200). */
  events: number;
}

/**
 * `count` batches of 1 to 6 events. With `mixed`, well-formed events sit next to defective ones
 * (the batch must be answered event by event); without it, every event has a defect that must get
 * it rejected, so nothing of the batch may be stored.
 */
export function hostileEventBatches(count: number, seed: number, prefix: string, mixed: boolean): EventBatch[] {
  const draft = fc.record({ kind: fc.nat(), where: fc.nat(), pick: fc.nat(), defective: mixed ? fc.boolean() : fc.constant(true) });
  const batches = fc.sample(fc.array(draft, { minLength: 1, maxLength: 6 }), { seed, numRuns: count });
  return batches.map((drafts, b) => {
    const events = drafts.map(({ kind, where, pick, defective }, i) => {
      const event = validEvent(kind, `${prefix}-${b}-${i}`, Date.now() - 60_000 - i * DAY);
      if (!defective) return event;
      // Refused batches plant only defects that always reject the event (no id or type defects that
      // could read as another valid event, no unknown slot that a planogram might hold).
      const places = defectsOf(event).filter(([path]) => mixed || path[0] === "occurredAt" || path[1] === "currency" || path.at(-1) === "firmware" || path.at(-1) === "code");
      const [path, values] = places[where % places.length]!;
      const value = values[pick % values.length];
      return plant(event, path, mixed || path[0] !== "occurredAt" ? value : badTimes[pick % 7]);
    });
    return { body: eventsBody(events), events: events.length };
  });
}

/** Bodies that are not a readable batch, or only barely one: malformed JSON, wrong envelopes, deep nesting, 501 events. */
export function unreadableEventBodies(): string[] {
  const nested = "[".repeat(50_000) + "]".repeat(50_000);
  return ["", "{", "null", "[]", '"events"', '{"events": {}}', '{"events": []}', '{"events": null}', nested, `{"events":[${'{"id":"x"},'.repeat(500)}{"id":"y"}]}`, "\ufeff{\"events\":[]}", '{"events": [1e400]}', '{"__proto__": {"events": [1]}}', "{\"events\":[\"\u0000\"]}"];
}
