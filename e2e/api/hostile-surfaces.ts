import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { appPages } from "../app-pages";
import { hostileEventBatches, hostileQueries, hostileSegments, offSiteCallbacks, seedOf, unreadableEventBodies, type EventBatch } from "./hostile-values";
import type { Answer, Probe, Session } from "./probe";

// The probes of each surface other than tRPC: machine events, route handlers, pages and server
// actions, built from what the world (sessions, orgs, machines, ids) holds.

export interface Machine {
  id: string;
  secret: string;
}

export interface World {
  anonymous: Session;
  /** The demo org's owner. */
  demo: Session;
  /** The owner of a second org made for the probe; the demo owner must not reach it. */
  owner: Session;
  demoOrg: { id: string; slug: string };
  otherOrg: { id: string; slug: string };
  /** Ids of rows seen in each org's answers, e.g. `mch_…`. */
  demoIds: string[];
  otherIds: string[];
  /** The other org's machines, registered through the API, with their secrets. */
  machines: Machine[];
  /** A real demo machine's credentials (from the demo data directory), when the server wrote them. */
  demoMachine: Machine | null;
  /** A signed-in account that auth probes may sign in and out again. */
  spare: Session & { email: string; password: string };
}

const root = path.resolve(import.meta.dirname, "..", "..");
export const pick = <T>(list: T[], i: number): T | undefined => list[i % Math.max(1, list.length)];
export const idOf = (ids: string[], prefix: string, i = 0) => pick(ids.filter((id) => id.startsWith(`${prefix}_`)), i);
/** A refusal is expected: a 2xx or 3xx is a failure (a 5xx is one anyway). */
export const is4xx = (what: string) => (a: Answer) => (a.status >= 400 ? null : `${what}: expected 4xx, got ${a.status}`);

/* Machine events ------------------------------------------------------------------------------ */

function signed(session: Session, machine: Machine, body: string, extra: Record<string, string> = {}): Probe {
  const webhookId = `probe-${randomBytes(6).toString("hex")}`;
  const now = new Date();
  return {
    session,
    method: "POST",
    path: `/api/v1/machines/${machine.id}/events`,
    headers: {
      "content-type": "application/json",
      "webhook-id": webhookId,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(machine.secret).sign(webhookId, now, body),
      ...extra,
    },
    data: body,
  };
}

type Results = { results?: { status: string }[] };
const parsed = (body: string): Results | null => {
  try {
    return JSON.parse(body) as Results;
  } catch {
    return null;
  }
};

/** A well-formed batch is answered event by event: 200 with one result each (or 429, over the limit). */
const answeredPerEvent = (batch: EventBatch, allRejected: boolean) => (a: Answer) => {
  if (a.status === 429) return null;
  if (a.status !== 200) return `a well-formed batch of ${batch.events} events got ${a.status}, not one result per event`;
  const results = parsed(a.body)?.results ?? [];
  if (results.length !== batch.events) return `${results.length} results for ${batch.events} events`;
  if (allRejected && results.some((r) => r.status !== "rejected")) return `an event that must be rejected was ${results.find((r) => r.status !== "rejected")!.status}`;
  return null;
};

export function machineEventProbes(world: World): Probe[] {
  const probes: Probe[] = [];
  const [first] = world.machines;
  if (!first) return probes;
  // Mixed batches at the probe's own machines: 100 per machine stays under the 120 a minute limit.
  world.machines.forEach((machine, m) => {
    for (const batch of hostileEventBatches(100, seedOf(`events-${m}`), `probe-${machine.id.slice(4, 10)}-${m}`, true)) {
      probes.push({ ...signed(world.anonymous, machine, batch.body), check: answeredPerEvent(batch, false) });
    }
  });
  // At a real demo machine, only events that must all be rejected: nothing of them may be stored.
  if (world.demoMachine) {
    for (const batch of hostileEventBatches(40, seedOf("events-demo"), `probe-demo-${randomBytes(3).toString("hex")}`, false)) {
      probes.push({ ...signed(world.anonymous, world.demoMachine, batch.body), check: answeredPerEvent(batch, true) });
    }
  }
  const last = world.machines.at(-1)!;
  for (const body of unreadableEventBodies()) probes.push(signed(world.anonymous, last, body));
  probes.push({ ...signed(world.anonymous, last, `{"events":[${" ".repeat(1_100_000)}]}`), check: is4xx("1.1 MB body") });

  const body = JSON.stringify({ events: [{ id: "evt-unsigned", type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} }] });
  const stale = String(Math.floor(Date.now() / 1000) - 3600);
  const badHeaders: Record<string, string>[] = [
    {},
    { "webhook-id": "x", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,garbage" },
    { "webhook-id": "x", "webhook-timestamp": stale, "webhook-signature": "v1,AAAA" },
    { "webhook-id": "x", "webhook-timestamp": "not-a-number", "webhook-signature": "v1,AAAA" },
    { "webhook-id": "x", "webhook-timestamp": "1e400", "webhook-signature": "v2,AAAA v1, v1" },
    { "webhook-id": "x".repeat(4000), "webhook-timestamp": "-1", "webhook-signature": `v1,${"A".repeat(6000)}` },
    { "webhook-id": "x", "webhook-timestamp": "99999999999999999999", "webhook-signature": Array(200).fill("v1,AAAA").join(" ") },
  ];
  const wrongSecret: Machine = { id: first.id, secret: `whsec_${randomBytes(32).toString("base64")}` };
  const targets = [first.id, world.demoMachine?.id ?? first.id, "mch_AAAAAAAAAAAAAAAAAAAAAA", ...hostileSegments];
  targets.forEach((target, t) => {
    for (const headers of badHeaders.slice(0, t < 3 ? badHeaders.length : 2)) {
      probes.push({ session: world.anonymous, method: "POST", path: `/api/v1/machines/${target}/events`, headers: { "content-type": "application/json", ...headers }, data: body, check: is4xx("unsigned events") });
    }
  });
  probes.push({ ...signed(world.anonymous, wrongSecret, body), check: is4xx("wrongly signed events") });
  // The signature covers the exact bytes: bytes that are not UTF-8 cannot verify.
  probes.push({ ...signed(world.anonymous, first, body), data: Buffer.concat([Buffer.from(body.slice(0, -2)), Buffer.from([0xff, 0xfe, 0x5d, 0x7d])]), check: is4xx("non-UTF-8 body") });
  for (const type of ["", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/jsonx", "APPLICATION/JSON"]) {
    probes.push(signed(world.anonymous, first, body, { "content-type": type }));
  }
  for (const method of ["GET", "PUT", "DELETE", "PATCH"]) probes.push({ session: world.anonymous, method, path: `/api/v1/machines/${first.id}/events` });
  return probes;
}

/* Route handlers ------------------------------------------------------------------------------- */

function cronJobs(): string[] {
  const registry = readFileSync(path.join(root, "server", "jobs", "registry.ts"), "utf8");
  return [...registry.matchAll(/^\s+name: "([\w-]+)",$/gm)].map((m) => m[1]!);
}

export function routeHandlerProbes(world: World): Probe[] {
  const { anonymous, demo } = world;
  const probes: Probe[] = [];
  const get = (session: Session, p: string, check?: Probe["check"]) => probes.push({ session, method: "GET", path: p, check });

  get(anonymous, "/api/health");
  get(anonymous, `/api/health?${hostileQueries(1, 1)[0]}`);
  for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) probes.push({ session: anonymous, method, path: "/api/health", data: "{" });

  const tokens = ["", "Bearer", "Bearer ", "Bearer wrong", `Bearer ${"x".repeat(8000)}`, "Basic dXNlcjpwYXNz", "bearer wrong", "Bearer null"];
  const jobs = [...cronJobs(), "no-such-job", "%00", "..%2f..%2fhealth", "a".repeat(2000), "__proto__", "constructor"];
  jobs.forEach((job, j) => {
    for (const token of tokens.slice(0, j < 3 ? tokens.length : 3)) {
      probes.push({ session: anonymous, method: "GET", path: `/api/cron/${job}`, headers: token ? { authorization: token } : {}, check: is4xx("cron without its secret") });
    }
  });
  probes.push({ session: anonymous, method: "POST", path: "/api/cron/refund-sweep", data: "x" });

  const stripeBodies = ["", "{", "null", JSON.stringify({ id: "evt_x", type: "checkout.session.completed", data: { object: { id: "cs_x" } } }), "\u0000", "x".repeat(3_000_000)];
  const signatures = [undefined, "", "t=1,v1=abc", `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`, "garbage", `t=${"9".repeat(40)},v1=x,v0=y`];
  stripeBodies.forEach((data, b) => {
    for (const signature of signatures.slice(0, b === 5 ? 1 : signatures.length)) {
      probes.push({ session: anonymous, method: "POST", path: "/api/webhooks/stripe", headers: { "content-type": "application/json", ...(signature === undefined ? {} : { "stripe-signature": signature }) }, data, check: is4xx("unsigned Stripe event") });
    }
  });
  get(anonymous, "/api/webhooks/stripe");

  // Downloads: the demo owner's own, with hostile query strings; then other orgs' and anonymous.
  const demoSlug = world.demoOrg.slug;
  const routeId = idOf(world.demoIds, "rte") ?? "rte_AAAAAAAAAAAAAAAAAAAAAA";
  const downloads = ["sales/export.csv", "statistics/export.csv", "statistics/export.pdf", `routes/${routeId}/pick-list.csv`];
  const nonEmptyCsv = (a: Answer) => (a.status === 200 && /csv/.test(a.headers["content-type"] ?? "") && a.body.trim() === "" ? "a CSV download answered 200 with an empty body" : null);
  downloads.forEach((download, d) => {
    if (!download.startsWith("sales")) get(demo, `/o/${demoSlug}/${download}`, nonEmptyCsv);
    get(demo, `/o/${demoSlug}/${download}?month=2026-11&day=2026-11-20&from=2026-11-01&to=2026-11-30`, nonEmptyCsv);
    // One day of the demo's sales at most: parameters the export ignores must not make it export everything.
    const narrow = download.startsWith("sales") ? "from=2026-11-20&to=2026-11-20&" : "";
    for (const query of hostileQueries(24, seedOf(`download-${download}`))) get(demo, `/o/${demoSlug}/${download}?${narrow}${query}`, nonEmptyCsv);
    for (const month of ["2026-02-30", "2026-13", "0000-01", "9999-12", "2026-1", "%00"]) get(demo, `/o/${demoSlug}/${download}?month=${month}&day=${month}-01&from=${month}-01&to=${month}-31`, nonEmptyCsv);
    get(anonymous, `/o/${demoSlug}/${download}`, is4xx("a download without signing in"));
    get(demo, `/o/${world.otherOrg.slug}/${download}`, is4xx("another org's download"));
    for (const segment of hostileSegments.slice(d * 3, d * 3 + 4)) get(demo, `/o/${segment}/${download}`);
  });
  for (const segment of hostileSegments) get(demo, `/o/${demoSlug}/routes/${segment}/pick-list.csv?day=2026-11-20`);
  const otherRoute = idOf(world.otherIds, "rte");
  if (otherRoute) get(demo, `/o/${demoSlug}/routes/${otherRoute}/pick-list.csv`, is4xx("another org's pick list"));
  for (const method of ["POST", "DELETE"]) probes.push({ session: demo, method, path: `/o/${demoSlug}/sales/export.csv`, data: "x" });

  // Auth.js: its pages and endpoints with hostile redirect targets and foreign origins.
  for (const endpoint of ["session", "csrf", "providers", "signin", "signout", "error", "callback/credentials", "verify-request", "no-such-endpoint", "%00", "callback/%ED%A0%80"]) {
    get(anonymous, `/api/auth/${endpoint}`);
  }
  for (const callbackUrl of offSiteCallbacks) {
    get(anonymous, `/api/auth/signin?${new URLSearchParams({ callbackUrl })}`);
    get(anonymous, `/api/auth/error?${new URLSearchParams({ error: callbackUrl })}`);
  }
  return probes;
}

/** Sign-ins of the spare account with hostile redirect targets and origins (the right password: no throttle counts). */
export async function authProbes(world: World, send: (probe: Probe) => Promise<Answer>): Promise<void> {
  const { spare } = world;
  const csrf = async () => {
    const answer = await send({ session: spare, method: "GET", path: "/api/auth/csrf" });
    return (JSON.parse(answer.body || "{}") as { csrfToken?: string }).csrfToken ?? "";
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formType = { "content-type": "application/x-www-form-urlencoded" };
  for (const callbackUrl of [...offSiteCallbacks, "/orgs"]) {
    const csrfToken = await csrf();
    await send({ session: spare, method: "POST", path: "/api/auth/callback/credentials", headers: formType, data: form({ email: spare.email, password: spare.password, csrfToken, callbackUrl }) });
    await send({ session: spare, method: "POST", path: "/api/auth/signout", headers: formType, data: form({ csrfToken: await csrf(), callbackUrl }) });
  }
  for (const origin of ["http://evil.example", "null", "http://localhost.evil.example"]) {
    await send({ session: spare, method: "POST", path: "/api/auth/callback/credentials", headers: { ...formType, origin }, data: form({ email: spare.email, password: spare.password, csrfToken: await csrf(), callbackUrl: "/orgs" }) });
  }
  // Without a valid CSRF token the credentials are never checked.
  for (const data of ["", "email=&password=", form({ email: "\u0000", password: "\ud800", csrfToken: "x" }), "%", `email=${"a".repeat(100_000)}`]) {
    await send({ session: spare, method: "POST", path: "/api/auth/callback/credentials", headers: formType, data });
  }
  await send({ session: spare, method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": "application/json" }, data: "{\"email\":" });
}

/* Pages ---------------------------------------------------------------------------------------- */

/** The page with its dynamic segments filled from `values` (by segment name, e.g. "org"). */
const fill = (template: string, values: (name: string) => string) => template.replace(/\[([^\]]+)\]/g, (_, name: string) => values(name));

export function pageProbes(world: World): Probe[] {
  const { anonymous, demo } = world;
  const probes: Probe[] = [];
  const realIds = (ids: string[], slug: string, i: number) => (name: string) => {
    if (name === "org") return slug;
    const prefix = { machineId: "mch", alertId: "alr", routeId: "rte", purchaseId: "sal", orderId: "ord" }[name];
    return (prefix && idOf(ids, prefix, i)) ?? randomBytes(11).toString("hex");
  };
  const readsQuery = /sales|orders|machines$|alerts$|refunds$|rankings|statistics|pick-list|today|sign-in|sign-up|\/m\//;
  for (const { template } of appPages()) {
    const own = fill(template, realIds(world.demoIds, world.demoOrg.slug, 0));
    probes.push({ session: demo, method: "GET", path: own }, { session: anonymous, method: "GET", path: own });
    const queries = hostileQueries(readsQuery.test(template) ? 8 : 2, seedOf(`page-${template}`));
    for (const query of queries) probes.push({ session: demo, method: "GET", path: `${own}?${query}` });
    probes.push({ session: anonymous, method: "GET", path: `${own}?${queries[0]}` });
    const names = [...template.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!);
    names.forEach((name, n) => {
      for (let i = 0; i < 4; i++) {
        const segment = pick(hostileSegments, seedOf(template) + n * 5 + i)!;
        probes.push({ session: demo, method: "GET", path: fill(template, (other) => (other === name ? segment : realIds(world.demoIds, world.demoOrg.slug, 0)(other))) });
      }
    });
    if (template.startsWith("/o/")) {
      // Another org's pages, with its own ids: not found, never its data.
      const theirs = fill(template, realIds(world.otherIds, world.otherOrg.slug, 0));
      probes.push({ session: demo, method: "GET", path: theirs, check: is4xx("another org's page") });
      if (names.length > 1) {
        const mixed = fill(template, (name) => (name === "org" ? world.demoOrg.slug : realIds(world.otherIds, world.otherOrg.slug, 0)(name)));
        probes.push({ session: demo, method: "GET", path: mixed, check: is4xx("another org's row under one's own org") });
      }
    }
  }
  return probes;
}

/* Server actions ------------------------------------------------------------------------------- */

export function serverActionProbes(world: World, realActions: string[]): Probe[] {
  const probes: Probe[] = [];
  const origin = { origin: new URL(process.env.E2E_PORT ? `http://localhost:${process.env.E2E_PORT}` : "http://localhost:3100").origin };
  const bodies: [string, string][] = [
    ["text/plain;charset=UTF-8", "[]"],
    ["text/plain;charset=UTF-8", "garbage"],
    ["text/plain;charset=UTF-8", "{"],
    ["text/plain;charset=UTF-8", '["$K1",{"$$typeof":"x"},"\\u0000","$@0"]'],
    ["text/plain;charset=UTF-8", "x".repeat(200_000)],
    ["multipart/form-data; boundary=zz", '--zz\r\nContent-Disposition: form-data; name="1_$ACTION_REF_1"\r\n\r\n\u0000\r\n--zz--'],
    ["application/x-www-form-urlencoded", "%E0%A4%A=1&$ACTION_KEY=%00"],
  ];
  const pages = ["/", "/sign-in", "/sign-up", "/orgs/new", `/o/${world.demoOrg.slug}/settings`, "/me"];
  const unknown = ["7f" + "0".repeat(40), "00", "x".repeat(500), "%00", "' or 1=1 --"];
  pages.forEach((page, p) => {
    for (const session of [world.anonymous, world.demo]) {
      bodies.forEach(([type, data], b) => {
        const id = unknown[(p + b) % unknown.length]!;
        probes.push({ session, method: "POST", path: page, headers: { "next-action": id, "content-type": type, ...origin }, data });
      });
    }
  });
  for (const id of realActions) {
    for (const [type, data] of bodies) {
      probes.push({ session: world.anonymous, method: "POST", path: "/sign-in", headers: { "next-action": id, "content-type": type, ...origin }, data });
    }
    probes.push({ session: world.anonymous, method: "POST", path: "/sign-in", headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: "http://evil.example" }, data: "[]" });
  }
  return probes;
}

/** The ids of the server actions a page renders into its forms. */
export function actionIdsIn(html: string): string[] {
  return [...new Set([...html.replaceAll("&quot;", '"').matchAll(/"id":"([0-9a-f]{40,})"/g)].map((m) => m[1]!))];
}
