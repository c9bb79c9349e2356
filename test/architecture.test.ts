import { ESLint } from "eslint";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the lint setup, without types
import { domainCycles, domainGraph } from "../scripts/lint/domain-graph.mjs";

const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

/** The architecture rules a piece of code breaks, linted as if it were the file at `file`. */
async function brokenRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return [...new Set((result?.messages ?? []).map((m) => m.ruleId ?? m.message).filter((id) => id.startsWith("architecture/")))].sort();
}

const serverOnly = 'import "server-only";\n';

describe("the code's map, enforced by lint", () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  it("passes a domain file that keeps the rules", async () => {
    const code = `${serverOnly}import { machineContext, type ServiceCtx } from "~/server/context";
import { listMachines } from "~/server/fleet";
import { sales } from "~/db/schema";
export async function recordVend(ctx: ServiceCtx, input: { id: string }) {
  await listMachines(machineContext(ctx.db, { orgId: ctx.orgId, machineId: input.id }), {});
  await ctx.db.insert(sales).values([]);
}
`;
    expect(await brokenRules("server/sales/example.ts", code)).toEqual([]);
  });

  it("refuses a domain reaching into another domain's files", async () => {
    const code = `${serverOnly}import { raiseAlert } from "~/server/alerts/raise";\nexport const x = raiseAlert;\n`;
    expect(await brokenRules("server/fleet/example.ts", code)).toEqual(["architecture/imports"]);
  });

  it("refuses a client component importing a domain's index, and a contract importing the database", async () => {
    const client = `"use client";\nimport { listMachines } from "~/server/fleet";\nexport const x = listMachines;\n`;
    expect(await brokenRules("app/o/[org]/machines/example.tsx", client)).toEqual(["architecture/imports"]);
    const contract = `import { getDb } from "~/db/open";\nexport const x = getDb;\n`;
    expect(await brokenRules("server/fleet/contract.ts", contract)).toEqual(["architecture/imports"]);
  });

  it("refuses a write into another domain's table, through Drizzle or raw SQL", async () => {
    const drizzle = `${serverOnly}import type { ServiceCtx } from "~/server/context";
import { sales } from "~/db/schema";
export async function f(ctx: ServiceCtx) { await ctx.db.insert(sales).values([]); }
`;
    expect(await brokenRules("server/fleet/example.ts", drizzle)).toEqual(["architecture/table-owner"]);
    const raw = `${serverOnly}import { sql } from "drizzle-orm";
import type { ServiceCtx } from "~/server/context";
export async function f(ctx: ServiceCtx) { await ctx.db.execute(sql\`update refunds set status = 'failed' where id = \${"x"}\`); }
`;
    expect(await brokenRules("server/ingest/example.ts", raw)).toEqual(["architecture/table-owner"]);
  });

  it("refuses a hand-built service context, a service of three parameters and a server module without server-only", async () => {
    const code = `import type { Db } from "~/db/client";
import type { ServiceCtx } from "~/server/context";
export async function f(ctx: ServiceCtx, a: string, b: string) { return [ctx, a, b]; }
export const g = (db: Db) => ({ db, orgId: "org_1", role: null, actor: { type: "job" as const } });
`;
    expect(await brokenRules("server/fleet/example.ts", code)).toEqual(["architecture/context", "architecture/server-only", "architecture/service-shape"]);
  });

  it("finds no cycle among the domains", () => {
    const graph = domainGraph() as Map<string, Map<string, string[]>>;
    expect(graph.size).toBeGreaterThan(10);
    expect(domainCycles(graph)).toEqual([]);
  });
});
