// The map of the code, enforced: which folder may import which, which domain writes which table,
// where service contexts are built. docs/architecture.md explains it; this file is its source of truth.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** Domains: each owns the tables of db/schema/<domain>.ts and is entered only through index.ts or contract.ts. */
export const DOMAINS = [
  "tenancy", "auth", "fleet", "catalog", "inventory", "ingest", "audits", "cash", "sales", "payments",
  "consumers", "alerts", "notifications", "analytics", "replenishment", "jobs", "search", "hosts", "profit",
];
/** Transports: they call domains' front doors and hold no rules. */
export const TRANSPORTS = ["trpc", "machine-api", "web", "cron", "api"];
/** Shared building blocks under server/ that any layer may use. */
export const SHARED = ["context", "errors", "money", "time", "input", "http", "config", "mail", "health", "i18n"];
/** Shared modules that run in the browser too (no database, no Node built-ins, no secrets). */
export const BROWSER_SAFE = ["server/errors", "server/money", "server/time", "server/i18n/locales", "server/i18n/server-texts.zh-CN.json", "server/i18n/server-terms.zh-CN.json", "server/input/text", "server/input/calendar", "server/input/decimals", "server/input/cursor"];
/** Server modules next.config.ts loads in plain Node while it starts, where the "server-only" marker throws. */
const CONFIG_TIME = ["server/http/security-headers"];
/** Folders exempt from table ownership: the demo seed writes every domain's rows by design. */
const SEED = ["server/demo", "scripts", "bench", "test", "e2e", "sim"];

const exts = [".ts", ".tsx", "/index.ts", "/index.tsx", ".mjs", ""];
function resolveSpecifier(fromFile, spec) {
  let base;
  if (spec.startsWith("~/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const e of exts) {
    const f = base + e;
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return path.relative(root, f).replace(/\.(ts|tsx|mjs)$/, "");
  }
  return path.relative(root, base);
}

/** What a repo path (without extension) is, for the import rules. */
export function classify(rel) {
  const parts = rel.split("/");
  const isTest = /\.test$|\.spec$/.test(rel) || parts[0] === "test" || parts[0] === "e2e";
  if (parts[0] === "server") {
    const top = parts[1]?.replace(/\.tsx?$/, "");
    if (DOMAINS.includes(top)) {
      const rest = parts.slice(2).join("/");
      return { layer: "domain", domain: top, door: rest === "index" || rest === "" ? "index" : rest === "contract" ? "contract" : null, isTest };
    }
    if (TRANSPORTS.includes(top)) return { layer: "transport", name: top, isTest };
    if (top === "demo") return { layer: "seed", isTest };
    if (SHARED.includes(top)) return { layer: "shared", name: top, browserSafe: BROWSER_SAFE.includes(rel), isTest };
    return { layer: "server-other", isTest };
  }
  if (parts[0] === "app") return { layer: "app", isRoute: /\/route$/.test(rel), isTest };
  if (parts[0] === "db") return { layer: "db", isTest };
  return { layer: "tool", isTest };
}

const isUseClient = (ast) => ast.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
const isTypeOnly = (node) =>
  node.importKind === "type" || node.exportKind === "type" || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));
/** May this file run in the browser? Client components, contracts and browser-safe shared modules. */
function browserBound(ctx, from) {
  return isUseClient(ctx.sourceCode.ast) || (from.layer === "domain" && from.door === "contract") || (from.layer === "shared" && from.browserSafe);
}

const importRule = {
  meta: { type: "problem", schema: [], messages: { bad: "{{why}}" } },
  create(ctx) {
    const file = ctx.filename;
    const rel = path.relative(root, file).replace(/\.(ts|tsx|mjs)$/, "");
    if (rel.startsWith("..")) return {};
    const from = classify(rel);
    function check(node, spec) {
      if (!spec || typeof spec !== "string") return;
      const target = resolveSpecifier(file, spec);
      const report = (why) => ctx.report({ node, messageId: "bad", data: { why } });
      const typeOnly = isTypeOnly(node);
      if (target === null) {
        // A package: browser-bound files may not pull in the database or Node's server modules.
        if (browserBound(ctx, from) && !typeOnly && /^(node:|drizzle-orm|pg$|@neondatabase|@electric-sql|nodemailer|stripe$|server-only$|next-auth)/.test(spec))
          report(`"${spec}" cannot run in the browser; this file must (a client component, a contract or a browser-safe module).`);
        if (from.layer === "domain" && !from.isTest && /^@trpc\/server|^next\/(server|headers|navigation)$/.test(spec) && !typeOnly)
          report(`A domain does not know its transports: "${spec}" belongs in a tRPC router or a route handler.`);
        return;
      }
      const to = classify(target);
      if (from.layer === "db" && !from.isTest && (target.startsWith("server/") || target.startsWith("app/")))
        return report("db/ imports nothing of the app.");
      if ((from.layer === "domain" || from.layer === "shared" || from.layer === "transport") && !from.isTest && target.startsWith("app/"))
        return report("server/ never imports app/.");
      if (to.layer === "domain" && !(from.layer === "domain" && from.domain === to.domain) && !to.door)
        return report(`Enter the ${to.domain} domain through its front door: "~/server/${to.domain}" (or "~/server/${to.domain}/contract"), not ${target}.`);
      if (from.layer === "domain" && !from.isTest && (to.layer === "transport"))
        return report("A domain never imports a transport; transports call domains.");
      if (from.layer === "shared" && !from.isTest && (to.layer === "domain" || to.layer === "transport") && !typeOnly)
        return report("Shared modules sit below the domains and import none of them.");
      if (browserBound(ctx, from) && !typeOnly) {
        const ok =
          (to.layer === "domain" && to.door === "contract") ||
          (to.layer === "shared" && to.browserSafe) ||
          target.startsWith("app/") ||
          target.startsWith("public/");
        if (!ok && (target.startsWith("server/") || target.startsWith("db/")))
          return report(`This file runs in the browser; import only contracts and browser-safe modules from server/ (not ${target}).`);
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === "Literal" && check(n, n.source.value),
    };
  },
};

/** Schema files named otherwise than their domain: the host portal's access tables belong to hosts. */
const SCHEMA_FILE_OWNERS = { "host-access": "hosts" };

/** Table identifier and SQL name -> owning domain, read from db/schema/<domain>.ts. */
function tableOwners() {
  const byIdent = new Map();
  const bySql = new Map();
  const dir = path.join(root, "db/schema");
  for (const f of fs.readdirSync(dir)) {
    const owner = SCHEMA_FILE_OWNERS[f.replace(/\.ts$/, "")] ?? f.replace(/\.ts$/, "");
    if (!f.endsWith(".ts") || f.includes(".test.")) continue;
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    for (const m of src.matchAll(/export const (\w+) = pgTable\(\s*"(\w+)"/g)) {
      byIdent.set(m[1], owner);
      bySql.set(m[2], owner);
    }
  }
  return { byIdent, bySql };
}
let owners;

const tableOwnerRule = {
  meta: { type: "problem", schema: [], messages: { bad: "{{why}}" } },
  create(ctx) {
    const rel = path.relative(root, ctx.filename).replace(/\.(ts|tsx|mjs)$/, "");
    if (rel.startsWith("..")) return {};
    const from = classify(rel);
    if (from.isTest || SEED.some((s) => rel === s || rel.startsWith(s + "/")) || from.layer === "db") return {};
    owners ??= tableOwners();
    const writer = from.layer === "domain" ? from.domain : null;
    function check(node, table, how) {
      const owner = owners.byIdent.get(table) ?? owners.bySql.get(table);
      if (!owner || owner === writer) return;
      ctx.report({
        node,
        messageId: "bad",
        data: { why: `${how} ${table}: that table belongs to the ${owner} domain; change it through "~/server/${owner}".` },
      });
    }
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return;
        const verb = callee.property.name;
        if (!["insert", "update", "delete"].includes(verb)) return;
        const arg = node.arguments[0];
        if (arg?.type === "Identifier") check(node, arg.name, verb);
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        const tagName = tag.type === "Identifier" ? tag.name : tag.type === "MemberExpression" && tag.object.type === "Identifier" ? tag.object.name : null;
        if (tagName !== "sql") return;
        const { quasis, expressions } = node.quasi;
        quasis.forEach((q, i) => {
          const text = q.value.cooked ?? q.value.raw;
          for (const m of text.matchAll(/\b(insert\s+into|update|delete\s+from)\s+"?([a-z_]+)"?/gi)) {
            if (/^(set|of)$/i.test(m[2])) continue;
            check(node, m[2], m[1].toLowerCase().split(/\s+/)[0]);
          }
          const expr = expressions[i];
          if (expr?.type === "Identifier" && /\b(insert\s+into|update|delete\s+from)\s*$/i.test(text)) check(node, expr.name, "write to");
        });
      },
    };
  },
};

const serverOnlyRule = {
  meta: { type: "problem", schema: [], messages: { missing: 'A server module starts with import "server-only", so a client bundle that reaches it fails to build.' } },
  create(ctx) {
    const rel = path.relative(root, ctx.filename).replace(/\.(ts|tsx)$/, "");
    if (!rel.startsWith("server/")) return {};
    const from = classify(rel);
    if (from.isTest || (from.layer === "domain" && from.door === "contract") || (from.layer === "shared" && from.browserSafe) || CONFIG_TIME.includes(rel)) return {};
    return {
      Program(node) {
        const has = node.body.some((s) => s.type === "ImportDeclaration" && s.source.value === "server-only");
        if (!has) ctx.report({ node: node.body[0] ?? node, messageId: "missing" });
      },
    };
  },
};

const contextRule = {
  meta: { type: "problem", schema: [], messages: { bad: "Build service contexts with server/context.ts (memberContext, consumerContext, machineContext, jobContext, systemContext), not by hand." } },
  create(ctx) {
    const rel = path.relative(root, ctx.filename).replace(/\.(ts|tsx)$/, "");
    if (rel === "server/context") return {};
    return {
      ObjectExpression(node) {
        const keys = new Set(node.properties.filter((p) => p.type === "Property" && p.key.type === "Identifier").map((p) => p.key.name));
        if (keys.has("orgId") && keys.has("actor") && keys.has("db")) ctx.report({ node, messageId: "bad" });
      },
    };
  },
};

const serviceShapeRule = {
  meta: { type: "problem", schema: [], messages: { bad: "A service takes (ctx, input), or (db, input) when it acts outside one org: put the other parameters in one input object." } },
  create(ctx) {
    const rel = path.relative(root, ctx.filename).replace(/\.(ts|tsx)$/, "");
    const from = classify(rel);
    if (from.layer !== "domain" || from.isTest) return {};
    function check(fn, node) {
      const first = fn.params[0];
      if (first?.type === "Identifier" && (first.name === "ctx" || first.name === "db") && fn.params.length > 2) ctx.report({ node, messageId: "bad" });
    }
    return {
      "ExportNamedDeclaration > FunctionDeclaration": (n) => check(n, n),
      "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > ArrowFunctionExpression": (n) => check(n, n),
    };
  },
};

const plugin = {
  meta: { name: "vendops-architecture" },
  rules: { imports: importRule, "table-owner": tableOwnerRule, "server-only": serverOnlyRule, context: contextRule, "service-shape": serviceShapeRule },
};

export default plugin;
