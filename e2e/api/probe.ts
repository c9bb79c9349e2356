import type { APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";

// Sends requests the way an outside client would and judges every answer the same way: no 5xx, no
// internal error text, nothing the client may not see, no redirect off the site, plus what the
// probe itself expects. Failures are collected, so one run lists all of them.

export interface Session {
  name: string;
  request: APIRequestContext;
  /** Text that must never appear in an answer to this session: another org's private data, secrets. */
  forbidden: string[];
}

export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface Probe {
  session: Session;
  method: string;
  path: string;
  headers?: Record<string, string>;
  data?: string | Buffer;
  /** A further expectation: what is wrong with the answer, or null. */
  check?: (answer: Answer) => string | null;
}

export interface Failure {
  session: string;
  method: string;
  path: string;
  status: number;
  problem: string;
  excerpt: string;
}

/** Text only a failing server writes: stack frames, driver and database errors, source paths. */
const internalErrorText: RegExp[] = [
  /at Object\./,
  /\bat async /,
  /node_modules/,
  /ECONNREFUSED/,
  /relation "/,
  /syntax error at/,
  /\bat [\w$.<>]+ \((?:\/|file:|node:)/,
  /webpack-internal/,
  /Failed query:/,
  /invalid input syntax for/,
  /violates (?:not-null|unique|check|foreign key) constraint/,
  /\b(?:DrizzleQueryError|PostgresError|PGlite|ZodError|TRPCError)\b/,
  /"stack"\s*:/,
  /\/work\/|\/home\/\w+\/|\.next\/server\//,
  /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ETIMEDOUT/,
];

/** A server component that failed while rendering: Next.js sends its digest (a number) in the page. */
const renderedServerError = /\\?"digest\\?":\\?"\d+\\?"|data-dgst="\d+"/;

/** Runs `work` over the items, at most `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** What a page shows, roughly: its title and text without scripts and tags. */
function visibleText(html: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  const body = html.replace(/<(script|style)[\s\S]*?<\/\1>/g, " ").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  return `[${title}] ${body.slice(body.indexOf(title) + title.length).trim()}`;
}

const localHosts = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]"]);
const oneLine = (text: string, max = 160) => JSON.stringify(text.slice(0, max)).slice(1, -1);

export class Prober {
  readonly failures: Failure[] = [];
  sent = 0;

  constructor(
    private readonly base: URL,
    private readonly concurrency = 8,
  ) {}

  /** Sends the probes, `concurrency` at a time, in order of starting. */
  async run(probes: Probe[]): Promise<void> {
    await inParallel(probes, this.concurrency, (probe) => this.send(probe));
  }

  /** Sends one probe; answers what came back (status 0 when nothing did). */
  async send(probe: Probe): Promise<Answer> {
    this.sent++;
    let answer: Answer;
    try {
      const res = await probe.session.request.fetch(probe.path, {
        method: probe.method,
        headers: probe.headers,
        data: probe.data,
        maxRedirects: 0,
        timeout: 30_000,
        failOnStatusCode: false,
      });
      answer = { status: res.status(), body: await res.text().catch(() => ""), headers: res.headers() };
      await res.dispose();
    } catch (error) {
      this.fail(probe, 0, `no answer: ${(error as Error).message.split("\n")[0]}`, "");
      return { status: 0, body: "", headers: {} };
    }
    for (const problem of this.problems(probe, answer)) this.fail(probe, answer.status, problem, answer.body);
    return answer;
  }

  private problems(probe: Probe, answer: Answer): string[] {
    const found: string[] = [];
    if (answer.status >= 500) found.push(`${answer.status} server error`);
    else if (renderedServerError.test(answer.body)) found.push(`${answer.status} with a server error rendered into the page`);
    const text = `${answer.body}\n${answer.headers["location"] ?? ""}`;
    const internal = internalErrorText.find((pattern) => pattern.test(text));
    if (internal) found.push(`internal error text ${internal}`);
    const sent = `${probe.path} ${typeof probe.data === "string" ? probe.data : ""}`;
    const leaked = probe.session.forbidden.find((secret) => secret && text.includes(secret) && !sent.includes(secret));
    if (leaked) found.push(`leaks ${leaked.slice(0, 40)}`);
    const location = answer.headers["location"];
    if (answer.status >= 300 && answer.status < 400 && location) {
      const target = URL.canParse(location, this.base) ? new URL(location, this.base) : null;
      if (!target || !["http:", "https:"].includes(target.protocol) || !(localHosts.has(target.hostname) || target.hostname === this.base.hostname)) {
        found.push(`redirects off the site to ${oneLine(location, 80)}`);
      }
    }
    const extra = probe.check?.(answer);
    if (extra) found.push(extra);
    return found;
  }

  private fail(probe: Probe, status: number, problem: string, body: string) {
    const at = [...internalErrorText, renderedServerError].map((p) => p.exec(body)?.index).find((i) => i !== undefined);
    const excerpt = at !== undefined ? body.slice(Math.max(0, at - 40)) : /^\s*<!DOCTYPE/i.test(body) ? visibleText(body) : body;
    this.failures.push({ session: probe.session.name, method: probe.method, path: probe.path, status, problem, excerpt: oneLine(excerpt) });
  }

  /** All failures, grouped by problem, one line each: method, path, session, status, excerpt. */
  report(limit = 400): string {
    const sorted = [...this.failures].sort((a, b) => a.problem.localeCompare(b.problem) || a.path.localeCompare(b.path));
    const lines = sorted.slice(0, limit).map((f) => `${f.problem} | ${f.method} ${oneLine(f.path, 180)} [${f.session}] -> ${f.status} | ${f.excerpt}`);
    if (sorted.length > limit) lines.push(`... and ${sorted.length - limit} more`);
    return `${this.failures.length} of ${this.sent} hostile requests failed:\n${lines.join("\n")}`;
  }
}

/* tRPC ----------------------------------------------------------------------------------------- */

export interface Procedure {
  /** e.g. "machines.get" */
  path: string;
  kind: "query" | "mutation";
  access: "public" | "protected" | "org";
}

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Every procedure of the app router, read from server/trpc/root.ts and the router files it
 * imports, so a new procedure is probed without editing the probe.
 */
export function trpcProcedures(): Procedure[] {
  const rootFile = path.join(root, "server", "trpc", "root.ts");
  const source = readFileSync(rootFile, "utf8");
  const fileOf = new Map<string, string>();
  for (const [, names, from] of source.matchAll(/import \{([^}]+)\} from "(\.\.?\/[\w/-]+)"/g)) {
    for (const name of names!.split(",")) fileOf.set(name.trim(), path.resolve(path.dirname(rootFile), `${from}.ts`));
  }
  const procedures: Procedure[] = [];
  for (const [, key, routerName] of source.matchAll(/^\s+(\w+): (\w+Router),$/gm)) {
    const routerFile = fileOf.get(routerName!);
    if (!routerFile) throw new Error(`${routerName} is mounted in server/trpc/root.ts but its import was not found`);
    procedures.push(...routerProcedures(readFileSync(routerFile, "utf8"), routerName!, key!, routerFile));
  }
  return procedures;
}

/**
 * The procedures of `routerName` in `file`, under `prefix`: written one per line as
 * `name: someProcedure(...)...`, or `name: otherRouter` for a router declared in the same file
 * (`const otherRouter = createTRPCRouter({`), which nests its procedures under `prefix.name`.
 */
function routerProcedures(file: string, routerName: string, prefix: string, routerFile: string): Procedure[] {
  const declared = new RegExp(`(?:export )?const ${routerName} = createTRPCRouter\\(\\{([\\s\\S]*?)\\}\\);`).exec(file)?.[1];
  if (declared === undefined) throw new Error(`${routerName} was not found as "const ${routerName} = createTRPCRouter({" in ${routerFile}`);
  const entries = declared.includes("\n") ? declared.split(/\n(?=  \w+: )/) : declared.split(/,\s*/);
  const procedures: Procedure[] = [];
  for (const entry of entries.filter((e) => /^\s*\w+: /.test(e))) {
    const [, name, value] = /^\s*(\w+): (\S+)/.exec(entry)!;
    const nested = /^(\w+Router),?$/.exec(value!)?.[1];
    if (nested) {
      procedures.push(...routerProcedures(file, nested, `${prefix}.${name}`, routerFile));
      continue;
    }
    const access = entry.includes("publicProcedure") ? "public" : entry.includes("protectedProcedure") ? "protected" : "org";
    procedures.push({ path: `${prefix}.${name}`, kind: /\.mutation\(/.test(entry) ? "mutation" : "query", access });
  }
  return procedures;
}

/** A call of one procedure as the tRPC client makes it: GET for queries, POST for mutations. */
export function trpcCall(session: Session, procedure: Procedure, input: unknown, check?: Probe["check"]): Probe {
  const wire = JSON.stringify({ json: input });
  if (procedure.kind === "query") {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(wire)}`;
    return { session, method: "GET", path: `/api/trpc/${procedure.path}${query}`, check };
  }
  return { session, method: "POST", path: `/api/trpc/${procedure.path}`, headers: { "content-type": "application/json" }, data: wire, check };
}

/** The field errors of a tRPC error answer, as `{ field: first message }`. */
export function fieldErrorsOf(answer: Answer): Record<string, string> {
  try {
    const parsed = JSON.parse(answer.body) as { error?: { json?: { data?: { fieldErrors?: Record<string, string[]> } } } };
    const errors = parsed.error?.json?.data?.fieldErrors ?? {};
    return Object.fromEntries(Object.entries(errors).map(([key, messages]) => [key, messages[0] ?? ""]));
  } catch {
    return {};
  }
}

/** Ids of rows (`mch_…`, `alr_…`) in a text, by prefix. */
export function idsIn(text: string): string[] {
  return [...text.matchAll(/\b([a-z]{2,4}_[0-9A-Za-z]{22})\b/g)].map((m) => m[1]!);
}
