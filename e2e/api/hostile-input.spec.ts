// An outside probe of the running production server: about 3,000 hostile requests over HTTP, to
// machine events, tRPC, route handlers, pages and server actions, signed in as the demo owner, as
// the owner of a second org, and anonymously. No answer may be a 5xx, show internal error text,
// leave the site by redirect, or show one org's data to another. All failures are listed at once.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { DEMO_ORG, apiSignUp, demoEmail, demoPassword, newAccount, trpcMutation, type Account } from "../fixtures";
import { e2eStateFile } from "../state";
import { hostileInputs, hostileText, plausibleValue, seedOf, wrongTypes } from "./hostile-values";
import { actionIdsIn, authProbes, idOf, is4xx, machineEventProbes, pageProbes, pick, routeHandlerProbes, serverActionProbes, type Machine, type World } from "./hostile-surfaces";
import { Prober, fieldErrorsOf, idsIn, inParallel, trpcCall, trpcProcedures, type Answer, type Probe, type Procedure, type Session } from "./probe";

async function signIn(request: APIRequestContext, account: Pick<Account, "email" | "password">): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", { form: { email: account.email, password: account.password, csrfToken, callbackUrl: "/orgs" }, maxRedirects: 0 });
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  expect(session?.user?.email, `signed in as ${account.email}`).toBe(account.email.toLowerCase());
}

/** A real demo machine that the live demo does not drive, from the server's data directory. */
function demoMachine(): Machine | null {
  try {
    const { dataDir } = JSON.parse(readFileSync(e2eStateFile(process.env.E2E_PORT ?? 3100), "utf8")) as { dataDir: string };
    const file = JSON.parse(readFileSync(`${dataDir}/demo-machines.json`, "utf8")) as { machines: { machineId: string; secret: string; live: boolean }[] };
    const machine = file.machines.find((m) => !m.live) ?? file.machines[0];
    return machine ? { id: machine.machineId, secret: machine.secret } : null;
  } catch {
    return null;
  }
}

/**
 * Fills the fields the server says are missing or wrong with values that should pass, up to three
 * times, so hostile values later reach past validation; keeps the ids of rows the answers show in
 * `ids`. Answers the input it arrived at, and adds the procedure to `reached` once one got past validation.
 */
async function discover(prober: Prober, session: Session, procedure: Procedure, start: Record<string, unknown>, ids: string[], reached: Set<string>) {
  const input = { ...start };
  const idFor = (prefixes: string[]) => prefixes.map((p) => idOf(ids, p)).find(Boolean) ?? pick(ids, 0);
  for (let round = 0; round < 3; round++) {
    const answer = await prober.send(trpcCall(session, procedure, input));
    if (answer.status === 200) ids.push(...idsIn(answer.body).filter((id) => !ids.includes(id)));
    if (answer.status !== 400 && answer.status < 500) reached.add(procedure.path);
    const errors = fieldErrorsOf(answer);
    if (answer.status !== 400 || Object.keys(errors).length === 0) break;
    for (const [key, message] of Object.entries(errors)) if (key !== "orgId") input[key] = plausibleValue(key, message, idFor);
  }
  return input;
}

/** Keeps the ids of real rows an answer shows. */
const harvestInto = (ids: string[]) => (a: Answer) => {
  if (a.status === 200) ids.push(...idsIn(a.body));
  return null;
};
// Mutations that could end the probe's own access to its org go last.
const lastOnes = /\.(leave|remove|delete|revoke|rotateSecret|setDisabled|changeRole)$/;

test("hostile requests from outside get no 5xx, no internal error text and no other org's data", async ({ playwright, request }, testInfo) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const baseURL = testInfo.project.use.baseURL!;
  const prober = new Prober(new URL(baseURL), 8);
  const token = randomBytes(5).toString("hex");
  const password = demoPassword();
  const secrets: string[] = [password];
  const session = async (name: string) => ({ name, request: await playwright.request.newContext({ baseURL }), forbidden: secrets });

  // The demo owner, the owner of a second org with five machines, a spare account, and nobody.
  const demo: Session = await session("demo owner");
  await signIn(demo.request, { email: demoEmail("owner"), password });
  const owner: Session = await session("other org's owner");
  const ownerAccount = { ...newAccount("prober"), name: `Prober ${token}` };
  await apiSignUp(owner.request, ownerAccount);
  await signIn(owner.request, ownerAccount);
  const spareAccount = newAccount("spare");
  const spare = { ...(await session("spare account")), ...spareAccount };
  await apiSignUp(spare.request, spareAccount);
  await signIn(spare.request, spareAccount);

  const otherOrg = await trpcMutation<{ id: string; slug: string }>(owner.request, "org.create", { name: `Probe Vending ${token}`, slug: `probe-vending-${token}`, timeZone: "Europe/Berlin", currency: "EUR" });
  const call = <T>(path: string, input: Record<string, unknown>) => trpcMutation<T>(owner.request, path, { orgId: otherOrg.id, ...input });
  const location = await call<{ id: string }>("locations.create", { name: "Probe hall", kind: "office" });
  const product = await call<{ id: string }>("products.create", { sku: `PRB-${token}`, name: "Probe cola", priceMinor: 250, costMinor: 90 });
  const machines: Machine[] = [];
  const serials: string[] = [];
  for (let i = 0; i < 5; i++) {
    serials.push(`PRIVATE-${token}-${i}`);
    const { machine, credentials } = await call<{ machine: { id: string }; credentials: { secret: string } }>("machines.register", { name: `Probe ${i}`, serial: serials[i], locationId: location.id });
    await call("planogram.set", { machineId: machine.id, slots: [{ code: "A1", productId: product.id, capacity: 10, parLevel: 2 }] });
    machines.push({ id: machine.id, secret: credentials.secret });
  }
  const demoOrgId = ((await (await demo.request.get("/api/trpc/org.mine")).json()) as { result: { data: { json: { id: string; slug: string }[] } } }).result.data.json.find((o) => o.slug === DEMO_ORG.slug)!.id;
  const machineOfDemo = demoMachine();
  secrets.push(...machines.map((m) => m.secret), machineOfDemo?.secret ?? "");
  // What only the other org's members may see: its machines' serials and its owner's e-mail.
  const privateToOther = [...serials, ownerAccount.email];
  const anonymous: Session = { name: "anonymous", request, forbidden: [...secrets, ...privateToOther] };
  const otherIds: string[] = [otherOrg.id, location.id, product.id, ...machines.map((m) => m.id)];
  demo.forbidden = [...secrets, ...privateToOther];
  // Each surface's share of the requests and of the time, for the summary line.
  const shares: string[] = [];
  const step = async (title: string, body: () => Promise<void>) => {
    const [sent, at] = [prober.sent, Date.now()];
    await test.step(title, body);
    shares.push(`${title.split(":")[0]} ${prober.sent - sent} in ${Math.round((Date.now() - at) / 1000)} s`);
  };
  const world: World = { anonymous, demo, owner, demoOrg: { id: demoOrgId, slug: DEMO_ORG.slug }, otherOrg, demoIds: [], otherIds, machines, demoMachine: machineOfDemo, spare };

  await step("machine events: unsigned, wrongly signed and signed hostile batches", async () => {
    await prober.run(machineEventProbes(world));
  });

  const procedures = trpcProcedures();
  const queries = procedures.filter((p) => p.kind === "query");
  const mutations = procedures.filter((p) => p.kind === "mutation").sort((a, b) => Number(lastOnes.test(a.path)) - Number(lastOnes.test(b.path)));
  const startOf = (p: Procedure, orgId: string) => (p.access === "org" ? { orgId } : {});
  const demoInputs = new Map<string, Record<string, unknown>>();
  const otherInputs = new Map<string, Record<string, unknown>>();

  await step("tRPC queries: learn each one's input from its answers, and the ids of real rows", async () => {
    // First the lists (every query with only its org), then each query with ids of real rows.
    const seen: string[] = [];
    const mine = queries.filter((q) => q.access !== "public");
    await prober.run(mine.map((q) => ({ ...trpcCall(demo, q, startOf(q, demoOrgId)), check: harvestInto(seen) })));
    world.demoIds.push(...new Set(seen.filter((id) => !otherIds.includes(id))));
    const reached = new Set<string>();
    await inParallel(mine, 8, async (q) => demoInputs.set(q.path, await discover(prober, demo, q, startOf(q, demoOrgId), world.demoIds, reached)));
    // Most queries must be answered with real data, or the hostile inputs built on them stop at validation.
    expect(reached.size, `queries past validation with a learned input: ${[...reached].join(", ")}`).toBeGreaterThan(mine.length * 0.8);
    const theirs: string[] = [];
    await prober.run(mine.map((q) => ({ ...trpcCall(owner, q, startOf(q, otherOrg.id)), check: harvestInto(theirs) })));
    otherIds.push(...new Set(theirs.filter((id) => !world.demoIds.includes(id) && !otherIds.includes(id))));
    await inParallel(queries, 8, async (q) => otherInputs.set(q.path, await discover(prober, owner, q, startOf(q, otherOrg.id), otherIds, new Set())));
    // Every id of the other org is private to it: the demo owner must never be shown one.
    demo.forbidden.push(...otherIds);
    expect(world.demoIds.length, "ids of the demo org's rows").toBeGreaterThan(10);
  });

  await step("route handlers: events, cron, Stripe, downloads, Auth.js, health", async () => {
    await prober.run(routeHandlerProbes(world));
    await authProbes(world, (probe) => prober.send(probe));
  });

  await step("pages: real ids, hostile segments and query strings, another org's pages", async () => {
    await prober.run(pageProbes(world));
  });

  await step("server actions: unknown ids and garbage bodies", async () => {
    const html = await (await request.get("/sign-in")).text();
    await prober.run(serverActionProbes(world, actionIdsIn(html).slice(0, 2)));
  });

  await step("tRPC: hostile inputs, another org's ids, malformed calls", async () => {
    const probes: Probe[] = [];
    for (const q of queries) {
      const own = demoInputs.get(q.path);
      if (own) for (const input of hostileInputs(own, 8, seedOf(`demo-${q.path}`))) probes.push(trpcCall(demo, q, input));
      const theirs = otherInputs.get(q.path)!;
      for (const input of hostileInputs(theirs, q.access === "public" ? 8 : 2, seedOf(`other-${q.path}`))) probes.push(trpcCall(q.access === "public" ? anonymous : owner, q, input));
      if (q.access === "public") continue;
      // The demo owner asking for the other org, or for its rows under the demo org: 4xx or nothing of theirs.
      probes.push(trpcCall(demo, q, theirs, q.access === "org" ? is4xx("another org's data") : undefined));
      if (own) probes.push(trpcCall(demo, q, { ...theirs, orgId: demoOrgId }));
    }
    for (const p of procedures) {
      probes.push(trpcCall(anonymous, p, p.access === "public" ? pick(hostileText, seedOf(p.path)) : { orgId: demoOrgId }, p.access === "public" ? undefined : is4xx("a signed-out call")));
    }
    probes.push(...malformedTrpcCalls(world, demoInputs));
    await prober.run(probes);
  });

  await step("tRPC mutations: in the probe's own org, twice at once, and by the demo owner on it", async () => {
    const probes: Probe[] = [];
    const inputs = new Map<string, Record<string, unknown>>();
    const reached = new Set<string>();
    await inParallel(mutations, 4, async (m) => inputs.set(m.path, await discover(prober, m.access === "public" ? anonymous : owner, m, startOf(m, otherOrg.id), otherIds, reached)));
    demo.forbidden.push(...otherIds.filter((id) => !demo.forbidden.includes(id)));
    const unreached = mutations.filter((m) => !reached.has(m.path)).map((m) => m.path);
    console.log(`[hostile-input] mutations past validation with a learned input: ${reached.size} of ${mutations.length}; not: ${unreached.join(", ")}`);
    for (const m of mutations) {
      const input = inputs.get(m.path)!;
      if (m.access === "org") probes.push(trpcCall(demo, m, input, is4xx("a change to another org")));
      // The same change twice at once, as a double click sends it: one may lose, neither may fail.
      const caller = m.access === "public" ? anonymous : owner;
      if (reached.has(m.path)) probes.push(trpcCall(caller, m, input), trpcCall(caller, m, input));
      for (const hostile of hostileInputs(input, 7, seedOf(`mutation-${m.path}`))) probes.push(trpcCall(caller, m, hostile));
    }
    await prober.run(probes);
  });

  await Promise.all([demo, owner, spare].map((s) => s.request.dispose()));
  const seconds = Math.round((Date.now() - started) / 1000);
  testInfo.annotations.push({ type: "probe", description: `${prober.sent} requests in ${seconds} s, ${prober.failures.length} failed` });
  console.log(`[hostile-input] ${prober.sent} requests in ${seconds} s (${shares.join("; ")})`);
  expect(prober.sent, "requests sent").toBeGreaterThan(2500);
  expect(prober.failures.length, prober.report()).toBe(0);
});

/** Calls the tRPC endpoint does not understand: bad superjson, bad batches, unknown procedures, wrong methods. */
function malformedTrpcCalls(world: World, inputs: Map<string, Record<string, unknown>>): Probe[] {
  const { demo, anonymous } = world;
  const orgId = world.demoOrg.id;
  const get = (path: string, session = demo): Probe => ({ session, method: "GET", path });
  const post = (path: string, data: string, type = "application/json", session = demo): Probe => ({ session, method: "POST", path, headers: { "content-type": type }, data });
  const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));
  const metas: unknown[] = [
    { values: { orgId: ["Date"] } },
    { values: { orgId: ["bigint"] } },
    { values: { orgId: ["custom", "x"] } },
    { values: { orgId: ["regexp"] } },
    { values: { orgId: ["set"] }, referentialEqualities: { orgId: ["a.b"] } },
    { values: { "__proto__.polluted": ["Date"] } },
    { values: { "a.b.c.d.e": ["map"] } },
    { values: ["Date"] },
    { values: { orgId: [["class", "Foo"]] } },
    { referentialEqualities: { "": ["orgId"] } },
    { values: { orgId: ["symbol", "x"] } },
    "x",
    { v: 99, values: { orgId: ["number"] } },
  ];
  const probes: Probe[] = metas.map((meta) => get(`/api/trpc/sales.list?input=${enc({ json: { orgId }, meta })}`));
  for (const raw of ["%ZZ", "{", "null", "[]", enc({ json: wrongTypes }), enc({ jsn: { orgId } }), enc({ json: { orgId }, meta: null }), "x".repeat(12_000)]) probes.push(get(`/api/trpc/sales.list?input=${raw}`));
  for (const name of ["nope", "nope.nothing", "org", "org.mine.extra", "__proto__", "constructor", "org.__proto__", "org.constructor", "toString", "%00", "a".repeat(3000), "org.mine%00", "..%2f..%2fhealth"]) {
    probes.push(get(`/api/trpc/${name}`), get(`/api/trpc/${name}`, anonymous), post(`/api/trpc/${name}`, "{}"));
  }
  // Batches: queries together, with and without a hostile member; mismatched inputs; 100 at once.
  const batchable = [...inputs.keys()].slice(0, 40);
  for (let i = 0; i < batchable.length; i += 4) {
    const paths = batchable.slice(i, i + 4);
    const input = Object.fromEntries(paths.map((p, j) => [j, { json: j === 1 ? { ...inputs.get(p), cursor: "\u0000" } : inputs.get(p) }]));
    probes.push(get(`/api/trpc/${paths.join(",")}?batch=1&input=${enc(input)}`));
  }
  probes.push(
    get(`/api/trpc/org.mine,sales.list?batch=1&input=${enc({ 5: { json: 1 } })}`),
    get(`/api/trpc/org.mine?batch=1&input=${enc([1, 2])}`),
    get(`/api/trpc/org.mine,nope.nothing?batch=1`),
    get(`/api/trpc/${Array(100).fill("org.mine").join(",")}?batch=1`),
    get("/api/trpc/org.mine,org.create?batch=1"),
    post("/api/trpc/org.create?batch=1", JSON.stringify({ 0: { json: { name: "\u0000" } }, 1: { json: null } })),
    post("/api/trpc/org.create", "{"),
    post("/api/trpc/org.create", ""),
    post("/api/trpc/org.create", "null"),
    post("/api/trpc/org.create", "[".repeat(50_000) + "]".repeat(50_000)),
    post("/api/trpc/org.create", JSON.stringify({ json: { name: "x".repeat(2_000_000) } })),
    post("/api/trpc/org.create", "name=x", "application/x-www-form-urlencoded"),
    post("/api/trpc/org.create", '--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\n\u0000\r\n--zz--', "multipart/form-data; boundary=zz"),
    post("/api/trpc/org.create", '{"json":{"name":"x"}}', "text/plain"),
    post("/api/trpc/sales.list", JSON.stringify({ json: { orgId } })),
    get(`/api/trpc/org.create?input=${enc({ json: { name: "x" } })}`),
    { session: demo, method: "PUT", path: "/api/trpc/org.mine" },
    { session: demo, method: "DELETE", path: "/api/trpc/org.mine" },
    { session: anonymous, method: "OPTIONS", path: "/api/trpc/org.mine" },
  );
  return probes;
}
