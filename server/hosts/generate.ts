import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows, type Db } from "~/db/client";
import { newId } from "~/db/ids";
import { hostStatements, organizations, type HostStatement, type HostStatementFigures, type HostStatementLine } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { formatMoney } from "~/server/money";
import { recordAudit } from "~/server/tenancy";
import { localDay } from "~/server/time";
import { systemContext, type ServiceCtx } from "../context";
import { ServiceError } from "../errors";
import { computeCommission, totalsOf } from "./commission";
import { generateStatementsInput, hostsMessages, type GenerateStatementsResult } from "./contract";
import { contractsInForce, firstOf, orgCalendar, ruleOf, saveContractRow } from "./contracts";
import { monthLines } from "./figures";

const signed = (minor: number, currency: string) => `${minor > 0 ? "+" : ""}${formatMoney(minor, currency, { code: true })}`;
const plural = (n: number, word: string) => `${n} ${word}${Math.abs(n) === 1 ? "" : "s"}`;

/** The figures of lines, whatever their machines are called now: a renamed machine does not revise a month. */
const figuresKey = (lines: HostStatementLine[]) =>
  JSON.stringify(
    lines
      .map((l) => [l.machineId, l.paymentMethod, l.units, l.grossMinor, l.refundsMinor, l.vatMinor, l.netMinor])
      .sort((x, y) => `${x[0]}\u0000${x[1]}`.localeCompare(`${y[0]}\u0000${y[1]}`)),
  );
const sameLines = (a: HostStatementLine[], b: HostStatementLine[]) => figuresKey(a) === figuresKey(b);

/** JSON with keys in order: a rule read back from jsonb has its keys in the database's order. */
const stable = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(stable).join(",")}]`
    : value !== null && typeof value === "object"
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
          .join(",")}}`
      : JSON.stringify(value);

/** What changed between a statement and its recomputation, in words. */
function describeChange(before: HostStatement, after: { units: number; grossMinor: number; refundsMinor: number; commissionMinor: number; contractId: string }, currency: string) {
  const parts: string[] = [];
  const units = after.units - before.units;
  const gross = after.grossMinor - before.grossMinor;
  if (units !== 0 || gross !== 0) {
    const what = units > 0 ? `${plural(units, "late sale")} added` : units < 0 ? `${plural(-units, "sale")} removed` : "sales changed";
    parts.push(`${what} ${signed(gross, currency)}`);
  }
  const refunds = after.refundsMinor - before.refundsMinor;
  if (refunds !== 0) parts.push(`refunds ${signed(refunds, currency)}`);
  if (after.contractId !== before.contractId) parts.push("another contract applies");
  const commission = after.commissionMinor - before.commissionMinor;
  parts.push(commission === 0 ? "commission unchanged" : `commission ${signed(commission, currency)}`);
  return parts.join(", ");
}

/**
 * Makes or recomputes the statements of one month (first day) for every location with a contract
 * in force then (or only `locationIds`). A recomputed statement whose figures changed is a new
 * revision that says what changed:
 * - a draft stays a draft;
 * - an approved or sent one goes back to draft ("revised after it was sent"), to be approved and
 *   sent again; when it was sent is kept;
 * - a paid one stays paid and its note says how much more is owed (or was overpaid).
 * Adjustments stay and the total follows the new commission.
 */
export async function generateMonthStatements(
  ctx: ServiceCtx,
  input: { month: string; timeZone: string; currency: string; locationIds?: string[]; now?: Date },
): Promise<GenerateStatementsResult> {
  const { month, timeZone, currency, now = new Date() } = input;
  const result: GenerateStatementsResult = { month: month.slice(0, 7), created: 0, revised: 0, unchanged: 0 };
  const contracts = await contractsInForce(ctx, { month });
  for (const id of [...contracts.keys()]) if (input.locationIds && !input.locationIds.includes(id)) contracts.delete(id);
  if (contracts.size === 0) return result;
  const lines = await monthLines(ctx, { month, timeZone, currency });
  const existing = await ctx.db
    .select()
    .from(hostStatements)
    .where(and(eq(hostStatements.orgId, ctx.orgId), eq(hostStatements.month, month), inArray(hostStatements.locationId, [...contracts.keys()])))
    .for("update");
  const today = localDay(now, timeZone);

  for (const [locationId, contract] of contracts) {
    const rule = ruleOf(contract);
    const locationLines = lines.get(locationId) ?? [];
    const breakdown = computeCommission(rule, locationLines);
    const totals = totalsOf(locationLines);
    const figures: HostStatementFigures = { lines: locationLines, breakdown };
    const values = {
      contractId: contract.id,
      contract: rule,
      figures,
      ...totals,
      commissionMinor: breakdown.commissionMinor,
      currency,
    };
    const before = existing.find((s) => s.locationId === locationId);
    if (!before) {
      const [created] = await ctx.db
        .insert(hostStatements)
        .values({ id: newId("hst"), orgId: ctx.orgId, locationId, month, ...values, totalMinor: breakdown.commissionMinor })
        .onConflictDoNothing()
        .returning();
      // Made meanwhile by another run (the job and a manager at once): it holds the same figures.
      if (!created) {
        result.unchanged++;
        continue;
      }
      await recordAudit(ctx, {
        action: "host_statement.generated",
        targetType: "host_statement",
        targetId: created!.id,
        data: { locationId, month: month.slice(0, 7), commissionMinor: breakdown.commissionMinor, currency },
      });
      result.created++;
      continue;
    }
    const same =
      before.contractId === contract.id &&
      stable(before.contract) === stable(rule) &&
      sameLines(before.figures.lines, locationLines) &&
      before.commissionMinor === breakdown.commissionMinor;
    if (same) {
      await ctx.db.update(hostStatements).set({ generatedAt: sql`now()` }).where(eq(hostStatements.id, before.id));
      result.unchanged++;
      continue;
    }
    const totalMinor = breakdown.commissionMinor + before.adjustmentsMinor;
    let note = `Revised on ${today}: ${describeChange(before, { ...totals, commissionMinor: breakdown.commissionMinor, contractId: contract.id }, currency)}.`;
    let status = before.status;
    if (before.status === "approved" || before.status === "sent") {
      note += ` Revised after it was ${before.status}: approve and send it again.`;
      status = "draft";
    } else if (before.status === "paid") {
      const owed = totalMinor - before.totalMinor;
      note += owed >= 0 ? ` It was paid: ${formatMoney(owed, currency, { code: true })} more is owed.` : ` It was paid: ${formatMoney(-owed, currency, { code: true })} was paid too much.`;
    }
    const revisionNote = before.revisionNote ? `${note}\n${before.revisionNote}` : note;
    await ctx.db
      .update(hostStatements)
      .set({
        ...values,
        totalMinor,
        status,
        revision: before.revision + 1,
        revisedAt: sql`now()`,
        generatedAt: sql`now()`,
        revisionNote,
        ...(status === "draft" && before.status !== "draft" ? { approvedAt: null, approvedBy: null } : {}),
      })
      .where(eq(hostStatements.id, before.id));
    await recordAudit(ctx, {
      action: "host_statement.revised",
      targetType: "host_statement",
      targetId: before.id,
      data: { locationId, month: month.slice(0, 7), revision: before.revision + 1, from: before.status, to: status, note },
    });
    result.revised++;
  }
  return result;
}

/** Makes or recomputes a closed month's statements by hand. */
export async function generateStatements(ctx: ServiceCtx, raw: z.input<typeof generateStatementsInput> & { now?: Date }): Promise<GenerateStatementsResult> {
  const { month } = generateStatementsInput.parse(raw);
  const now = raw.now ?? new Date();
  const org = await orgCalendar(ctx, now);
  if (firstOf(month) >= org.currentMonth) throw new ServiceError("BAD_REQUEST", hostsMessages.month_not_closed, { month }, { field: "month" });
  return generateMonthStatements(ctx, { month: firstOf(month), timeZone: org.timeZone, currency: org.currency, now });
}

/** Saves a contract, then recomputes the draft statements of the months it now governs. */
export async function saveContract(ctx: ServiceCtx, raw: Parameters<typeof saveContractRow>[1]) {
  const { contract, drafts } = await saveContractRow(ctx, raw);
  if (drafts.length > 0) {
    const org = await orgCalendar(ctx);
    for (const month of drafts) await generateMonthStatements(ctx, { month, timeZone: org.timeZone, currency: org.currency, locationIds: [contract.locationId] });
  }
  return contract;
}

/**
 * The org's closed months whose statements are due: its monthly statistics are written (and not
 * waiting for late sales) and some location with a contract then has no statement, or one made
 * before the statistics were last written (a restated month). Oldest first, at most `limit`.
 */
export async function dueStatementMonths(ctx: ServiceCtx, input: { currentMonth: string; limit?: number }): Promise<string[]> {
  const rows = await queryRows<{ month: string }>(
    ctx.db,
    sql`select ms.month::text as month from monthly_statistics ms
      where ms.org_id = ${ctx.orgId} and not ms.stale and ms.month < ${input.currentMonth}::date
        and exists (
          select 1 from host_contracts c where c.org_id = ms.org_id and c.effective_from <= ms.month
            and not exists (select 1 from host_statements h where h.org_id = ms.org_id and h.location_id = c.location_id and h.month = ms.month and h.generated_at >= ms.generated_at)
        )
      order by 1 limit ${input.limit ?? 24}`,
  );
  return rows.map((r) => r.month);
}

/** Makes or recomputes one org's due statements, after its monthly statistics. */
export async function generateDueStatements(db: Db, input: { org: { id: string; timeZone: string; currency: string }; now?: Date }): Promise<number> {
  const { org, now = new Date() } = input;
  return withTenant(db, { orgId: org.id }, async (tx) => {
    const ctx = systemContext(tx, { orgId: org.id, actor: "system" });
    const currentMonth = firstOf(localDay(now, org.timeZone));
    let touched = 0;
    for (const month of await dueStatementMonths(ctx, { currentMonth })) {
      const r = await generateMonthStatements(ctx, { month, timeZone: org.timeZone, currency: org.currency, now });
      touched += r.created + r.revised;
    }
    return touched;
  });
}

/** The hourly job's part for hosts: every org's due statements. */
export async function generateAllDueStatements(db: Db, input: { now?: Date; deadline?: number } = {}): Promise<number> {
  const { now = new Date(), deadline = Number.POSITIVE_INFINITY } = input;
  const orgs = await db.select({ id: organizations.id, timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).orderBy(organizations.id);
  let touched = 0;
  for (const org of orgs) {
    if (Date.now() > deadline) break;
    touched += await generateDueStatements(db, { org, now });
  }
  return touched;
}
