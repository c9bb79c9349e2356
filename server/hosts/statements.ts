import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "~/db/client";
import { newId } from "~/db/ids";
import { hostContracts, hostStatementAdjustments, hostStatements, locations, users, type HostStatement } from "~/db/schema";
import { recordAudit } from "~/server/tenancy";
import type { ServiceCtx } from "../context";
import { ServiceError, notFound } from "../errors";
import {
  addAdjustmentInput,
  hostsMessages,
  listStatementsInput,
  statementIdInput,
  type HostStatementAction,
  type HostStatementDetail,
  type HostStatementList,
  type HostStatementStatus,
  type HostStatementSummary,
} from "./contract";
import { firstOf } from "./contracts";

const summaryOf = (s: HostStatement, locationName: string): HostStatementSummary => ({
  id: s.id,
  locationId: s.locationId,
  locationName,
  month: s.month.slice(0, 7),
  status: s.status,
  revision: s.revision,
  units: s.units,
  grossMinor: s.grossMinor,
  refundsMinor: s.refundsMinor,
  vatMinor: s.vatMinor,
  netMinor: s.netMinor,
  commissionMinor: s.commissionMinor,
  adjustmentsMinor: s.adjustmentsMinor,
  totalMinor: s.totalMinor,
  currency: s.currency,
  generatedAt: s.generatedAt,
  revisedAt: s.revisedAt,
  revisionNote: s.revisionNote,
  approvedAt: s.approvedAt,
  sentAt: s.sentAt,
  paidAt: s.paidAt,
});

/** The org's statements, newest month first, by location name; with totals per currency. */
export async function listStatements(ctx: ServiceCtx, raw: z.input<typeof listStatementsInput> = {}): Promise<HostStatementList> {
  const input = listStatementsInput.parse(raw);
  const rows = await ctx.db
    .select({ statement: hostStatements, locationName: locations.name })
    .from(hostStatements)
    .innerJoin(locations, eq(locations.id, hostStatements.locationId))
    .where(
      and(
        eq(hostStatements.orgId, ctx.orgId),
        input.month ? eq(hostStatements.month, firstOf(input.month)) : undefined,
        input.locationId ? eq(hostStatements.locationId, input.locationId) : undefined,
        input.status ? eq(hostStatements.status, input.status) : undefined,
      ),
    )
    .orderBy(desc(hostStatements.month), asc(locations.name))
    .limit(1000);
  const statements = rows.map((r) => summaryOf(r.statement, r.locationName));
  const totals = new Map<string, HostStatementList["totals"][number]>();
  for (const s of statements) {
    const t = totals.get(s.currency) ?? { currency: s.currency, grossMinor: 0, commissionMinor: 0, adjustmentsMinor: 0, totalMinor: 0, count: 0 };
    totals.set(s.currency, t);
    t.grossMinor += s.grossMinor;
    t.commissionMinor += s.commissionMinor;
    t.adjustmentsMinor += s.adjustmentsMinor;
    t.totalMinor += s.totalMinor;
    t.count++;
  }
  return { statements, totals: [...totals.values()] };
}

async function loadStatement(ctx: ServiceCtx, statementId: string, lock = false) {
  const query = ctx.db
    .select({ statement: hostStatements, locationName: locations.name })
    .from(hostStatements)
    .innerJoin(locations, eq(locations.id, hostStatements.locationId))
    .where(and(eq(hostStatements.id, statementId), eq(hostStatements.orgId, ctx.orgId)));
  const [row] = lock ? await query.for("update", { of: hostStatements }) : await query;
  if (!row) throw notFound("Statement");
  return row;
}

/**
 * Where a statement is sent: the host's contacts as the location's latest contract names them
 * (contacts change without the rule changing), and the users who host the location.
 */
export async function statementRecipients(ctx: ServiceCtx, s: Pick<HostStatement, "locationId">): Promise<string[]> {
  const [contract] = await ctx.db
    .select({ emails: hostContracts.contactEmails })
    .from(hostContracts)
    .where(and(eq(hostContracts.orgId, ctx.orgId), eq(hostContracts.locationId, s.locationId)))
    .orderBy(desc(hostContracts.effectiveFrom))
    .limit(1);
  const hosts = await queryRows<{ email: string }>(
    ctx.db,
    sql`select u.email from host_members h join users u on u.id = h.user_id where h.org_id = ${ctx.orgId} and h.location_id = ${s.locationId} order by u.email`,
  );
  const all = [...(contract?.emails ?? []), ...hosts.map((h) => h.email)].map((e) => e.toLowerCase());
  return [...new Set(all)];
}

/** One statement with its lines, the rule applied, its adjustments and its recipients. */
export async function getStatement(ctx: ServiceCtx, raw: z.input<typeof statementIdInput>): Promise<HostStatementDetail> {
  const { statementId } = statementIdInput.parse(raw);
  const { statement: s, locationName } = await loadStatement(ctx, statementId);
  const adjustments = await ctx.db
    .select({
      id: hostStatementAdjustments.id,
      amountMinor: hostStatementAdjustments.amountMinor,
      reason: hostStatementAdjustments.reason,
      createdBy: hostStatementAdjustments.createdBy,
      createdByName: users.name,
      createdAt: hostStatementAdjustments.createdAt,
    })
    .from(hostStatementAdjustments)
    .leftJoin(users, eq(users.id, hostStatementAdjustments.createdBy))
    .where(and(eq(hostStatementAdjustments.orgId, ctx.orgId), eq(hostStatementAdjustments.statementId, s.id)))
    .orderBy(asc(hostStatementAdjustments.createdAt), asc(hostStatementAdjustments.id));
  return {
    ...summaryOf(s, locationName),
    contractId: s.contractId,
    contract: s.contract,
    lines: s.figures.lines,
    breakdown: s.figures.breakdown,
    adjustments,
    approvedBy: s.approvedBy,
    recipients: await statementRecipients(ctx, s),
  };
}

const ACTION_WORDS: Record<HostStatementAction, string> = { approve: "approved", send: "sent", markPaid: "marked paid" };
/** The statuses each change starts from; sending again re-sends a sent statement. */
const FROM: Record<HostStatementAction, HostStatementStatus[]> = { approve: ["draft"], send: ["approved", "sent"], markPaid: ["sent"] };

/** Moves a statement on (locked for the change); refuses a change its status does not allow. */
export async function transitionStatement(ctx: ServiceCtx, input: { statementId: string; action: HostStatementAction }) {
  const { statementId, action } = input;
  const row = await loadStatement(ctx, statementId, true);
  const s = row.statement;
  if (!FROM[action].includes(s.status)) throw new ServiceError("CONFLICT", hostsMessages.bad_transition, { status: s.status, action: ACTION_WORDS[action] });
  const userId = ctx.actor.type === "user" ? ctx.actor.id : null;
  const set =
    action === "approve"
      ? { status: "approved" as const, approvedAt: sql`now()`, approvedBy: userId }
      : action === "send"
        ? { status: "sent" as const, sentAt: sql`now()` }
        : { status: "paid" as const, paidAt: sql`now()` };
  const [updated] = await ctx.db.update(hostStatements).set(set).where(eq(hostStatements.id, s.id)).returning();
  return { before: s, statement: updated!, locationName: row.locationName };
}

export async function approveStatement(ctx: ServiceCtx, raw: z.input<typeof statementIdInput>): Promise<HostStatementSummary> {
  const { statementId } = statementIdInput.parse(raw);
  const { statement, locationName } = await transitionStatement(ctx, { statementId, action: "approve" });
  await recordAudit(ctx, {
    action: "host_statement.approved",
    targetType: "host_statement",
    targetId: statement.id,
    data: { month: statement.month.slice(0, 7), location: locationName, totalMinor: statement.totalMinor, currency: statement.currency, revision: statement.revision },
  });
  return summaryOf(statement, locationName);
}

export async function markStatementPaid(ctx: ServiceCtx, raw: z.input<typeof statementIdInput>): Promise<HostStatementSummary> {
  const { statementId } = statementIdInput.parse(raw);
  const { statement, locationName } = await transitionStatement(ctx, { statementId, action: "markPaid" });
  await recordAudit(ctx, {
    action: "host_statement.paid",
    targetType: "host_statement",
    targetId: statement.id,
    data: { month: statement.month.slice(0, 7), location: locationName, totalMinor: statement.totalMinor, currency: statement.currency },
  });
  return summaryOf(statement, locationName);
}

/** Adds a signed adjustment with its reason to a draft statement; its total follows. */
export async function addAdjustment(ctx: ServiceCtx, raw: z.input<typeof addAdjustmentInput>): Promise<HostStatementDetail> {
  const input = addAdjustmentInput.parse(raw);
  const { statement: s } = await loadStatement(ctx, input.statementId, true);
  if (s.status !== "draft") throw new ServiceError("CONFLICT", hostsMessages.not_draft, { status: s.status });
  await ctx.db.insert(hostStatementAdjustments).values({
    id: newId("hsa"),
    orgId: ctx.orgId,
    statementId: s.id,
    amountMinor: input.amountMinor,
    reason: input.reason,
    createdBy: ctx.actor.type === "user" ? ctx.actor.id : null,
  });
  const adjustmentsMinor = s.adjustmentsMinor + input.amountMinor;
  await ctx.db
    .update(hostStatements)
    .set({ adjustmentsMinor, totalMinor: s.commissionMinor + adjustmentsMinor })
    .where(eq(hostStatements.id, s.id));
  await recordAudit(ctx, {
    action: "host_statement.adjusted",
    targetType: "host_statement",
    targetId: s.id,
    data: { month: s.month.slice(0, 7), amountMinor: input.amountMinor, reason: input.reason, currency: s.currency },
  });
  return getStatement(ctx, { statementId: s.id });
}

/** Statements of some location-months, for commissions. */
export async function statementsOf(ctx: ServiceCtx, months: string[]) {
  if (months.length === 0) return [];
  return ctx.db
    .select()
    .from(hostStatements)
    .where(and(eq(hostStatements.orgId, ctx.orgId), inArray(hostStatements.month, months)));
}
