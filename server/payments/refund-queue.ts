import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { orders, refunds, sales, type Refund } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { raiseAlert } from "~/server/alerts";
import { recordAudit, type AuditAction } from "~/server/tenancy";
import { jobContext, type ServiceCtx } from "../context";
import { ProviderError, type PaymentProvider } from "./payment-provider";
import { publishRefundOutcome } from "./webhook-events";

// The refunds table is its own outbox: this claims due refunds, sends them to the provider and
// records the answers, with backoff and a lease so several senders can run side by side.

export const refundPolicy = {
  /** Attempts before a refund is marked failed and an operator is alerted. */
  maxAttempts: 8,
  baseDelaySeconds: 30,
  maxDelaySeconds: 60 * 60,
  /** A claimed refund whose worker died is claimed again after this. */
  leaseSeconds: 120,
};
export type RefundPolicy = typeof refundPolicy;

/** Exponential backoff with jitter: half the nominal delay plus a random half. */
export function retryDelaySeconds(attempts: number, policy: RefundPolicy = refundPolicy, random = Math.random): number {
  const nominal = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}

/**
 * Claims up to `limit` refunds that are due: pending ones, and processing ones whose lease ran out
 * (their worker died between commit and recording a result). SKIP LOCKED lets several workers
 * claim side by side without taking the same row. Runs on the owner connection, across orgs.
 */
export async function claimDueRefunds(db: Db, { limit, policy = refundPolicy }: { limit: number; policy?: RefundPolicy }): Promise<Refund[]> {
  return db
    .update(refunds)
    .set({
      status: "processing",
      attempts: sql`${refunds.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${policy.leaseSeconds})`,
      updatedAt: sql`now()`,
    })
    .where(
      sql`${refunds.id} in (select r.id from ${refunds} r where r.status in ('pending', 'processing') and r.next_attempt_at <= now()
        order by r.next_attempt_at limit ${limit} for update skip locked)`,
    )
    .returning();
}

export type SendOutcome = "succeeded" | "retry" | "failed" | "waiting";

type Attempt =
  | { refund: Refund; providerRefundId: string; failure?: undefined; waiting?: undefined }
  | { refund: Refund; failure: ProviderError; waiting?: undefined }
  | { refund: Refund; waiting: true; failure?: undefined };

/** Which provider pays a claimed refund back; null: none is configured for it, so it waits. */
export type RefundProviderOf = (refund: Refund) => Promise<PaymentProvider | null>;

/** A refund whose provider is not configured is looked at again after this; its attempts are not spent. */
const WAIT_SECONDS = 15 * 60;

/** Calls the provider for one claimed refund, with the refund's id as the idempotency key. */
async function attemptRefund(providerOf: RefundProviderOf, refund: Refund): Promise<Attempt> {
  try {
    if (!refund.paymentReference) throw new ProviderError("The sale has no payment reference to refund against.", false, "no_reference");
    const provider = await providerOf(refund);
    if (!provider) return { refund, waiting: true };
    const result = await provider.refund({
      refundId: refund.id,
      paymentReference: refund.paymentReference,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      orderId: refund.orderId ?? undefined,
    });
    return { refund, providerRefundId: result.providerRefundId };
  } catch (error) {
    const failure = error instanceof ProviderError ? error : new ProviderError(error instanceof Error ? error.message : String(error), true);
    return { refund, failure };
  }
}

/**
 * Records what the provider answered, one transaction per organization: successes in one
 * statement with their audit entries, failures retried later with backoff or given up on. A row
 * is only updated if it is still the claim this worker made (same status and attempt), so a late
 * worker whose lease ran out cannot overwrite a newer result.
 */
async function recordAttempts(db: Db, attempts: Attempt[], policy: RefundPolicy): Promise<SendOutcome[]> {
  const outcomes = new Map<string, SendOutcome>();
  const byOrg = new Map<string, Attempt[]>();
  for (const a of attempts) byOrg.set(a.refund.orgId, [...(byOrg.get(a.refund.orgId) ?? []), a]);
  for (const [orgId, group] of byOrg) {
    await withTenant(db, { orgId }, async (tx) => {
      const ctx = refundWorker(tx, orgId);
      const succeeded = group.filter((a): a is Extract<Attempt, { providerRefundId: string }> => !a.failure && !a.waiting);
      for (const a of group.filter((a) => a.waiting)) {
        // Released without spending an attempt: the refund waits for its provider to be configured.
        await tx
          .update(refunds)
          .set({ status: "pending", attempts: sql`${refunds.attempts} - 1`, nextAttemptAt: sql`now() + make_interval(secs => ${WAIT_SECONDS})`, updatedAt: sql`now()` })
          .where(and(eq(refunds.id, a.refund.id), eq(refunds.status, "processing"), eq(refunds.attempts, a.refund.attempts)));
        outcomes.set(a.refund.id, "waiting");
      }
      if (succeeded.length > 0) {
        const rows = sql.join(
          succeeded.map((a) => sql`(${a.refund.id}, ${a.providerRefundId}, ${a.refund.attempts}::int)`),
          sql`, `,
        );
        const done = await tx.execute(sql`
          update refunds r set status = 'succeeded', provider_refund_id = v.provider_refund_id, last_error = null, updated_at = now()
          from (values ${rows}) as v(id, provider_refund_id, attempts)
          where r.id = v.id and r.status = 'processing' and r.attempts = v.attempts
          returning r.id`);
        const doneIds = new Set((done as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
        for (const a of succeeded.filter((a) => doneIds.has(a.refund.id))) {
          await auditRefund(ctx, a.refund, "refund.succeeded", { providerRefundId: a.providerRefundId, attempts: a.refund.attempts });
          await publishRefundOutcome(ctx, { refund: a.refund, status: "succeeded", providerRefundId: a.providerRefundId, error: null });
        }
        for (const a of succeeded) outcomes.set(a.refund.id, "succeeded");
      }
      for (const a of group) {
        if (!a.failure) continue;
        const { refund, failure } = a;
        const giveUp = !failure.retryable || refund.attempts >= policy.maxAttempts;
        const [updated] = await tx
          .update(refunds)
          .set(
            giveUp
              ? { status: "failed", lastError: failure.message, updatedAt: sql`now()` }
              : {
                  status: "pending",
                  lastError: failure.message,
                  nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(refund.attempts, policy)})`,
                  updatedAt: sql`now()`,
                },
          )
          .where(and(eq(refunds.id, refund.id), eq(refunds.status, "processing"), eq(refunds.attempts, refund.attempts)))
          .returning({ id: refunds.id });
        if (updated && giveUp) {
          await giveUpOn(ctx, refund, failure);
          await publishRefundOutcome(ctx, { refund, status: "failed", providerRefundId: refund.providerRefundId, error: failure.message });
        }
        outcomes.set(refund.id, giveUp ? "failed" : "retry");
      }
    });
  }
  return attempts.map((a) => outcomes.get(a.refund.id)!);
}

/** Who records what the provider answered, in the audit log and on alerts. */
function refundWorker(tx: Db, orgId: string): ServiceCtx {
  return jobContext(tx, { orgId, name: "refund-worker", label: "Refund worker" });
}

async function auditRefund(ctx: ServiceCtx, refund: Refund, action: AuditAction, data: Record<string, unknown>) {
  await recordAudit(ctx, { action, targetType: "refund", targetId: refund.id, data: { amountMinor: refund.amountMinor, currency: refund.currency, ...data } });
}

async function giveUpOn(ctx: ServiceCtx, refund: Refund, failure: ProviderError) {
  const [sale] = refund.saleId
    ? await ctx.db.select({ machineId: sales.machineId }).from(sales).where(eq(sales.id, refund.saleId))
    : await ctx.db.select({ machineId: orders.machineId }).from(orders).where(eq(orders.id, refund.orderId!));
  await raiseAlert(ctx, {
    machineId: sale?.machineId ?? null,
    rule: "refund_failed",
    code: refund.id,
    severity: "critical",
    at: new Date(),
    data: {
      refundId: refund.id,
      saleId: refund.saleId,
      orderId: refund.orderId,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      attempts: refund.attempts,
      error: failure.message,
      code: failure.code,
    },
  });
  await auditRefund(ctx, refund, "refund.failed", { error: failure.message, attempts: refund.attempts });
}

export interface DrainResult {
  claimed: number;
  succeeded: number;
  retried: number;
  failed: number;
  /** Claimed but left waiting: no provider is configured to pay them back. */
  waiting: number;
}

export interface DrainInput {
  /** The provider of every refund (tests, and deployments with one provider), unless `providerOf` is given. */
  provider?: PaymentProvider | null;
  /** The provider of each refund: the one that took its payment (see refundProviderFor). */
  providerOf?: RefundProviderOf;
  /** Refunds claimed per round. */
  batch?: number;
  /** Provider calls in flight at once. */
  concurrency?: number;
  maxRounds?: number;
  policy?: RefundPolicy;
}

/**
 * Claims and sends due refunds until none are due (or `maxRounds`), `concurrency` at a time.
 * The sweep job and the after-response hook both call this; several may run at once.
 */
export async function processDueRefunds(db: Db, { provider = null, providerOf, batch = 50, concurrency = 4, maxRounds = 100, policy = refundPolicy }: DrainInput): Promise<DrainResult> {
  const result: DrainResult = { claimed: 0, succeeded: 0, retried: 0, failed: 0, waiting: 0 };
  const providerFor: RefundProviderOf = providerOf ?? (async () => provider);
  for (let round = 0; round < maxRounds; round++) {
    // A refund left waiting is due again only after WAIT_SECONDS, so a round never claims it twice.
    const claimed = await claimDueRefunds(db, { limit: batch, policy });
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    // Provider calls run `concurrency` at a time; their results are recorded together.
    const attempts: Attempt[] = [];
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) attempts.push(await attemptRefund(providerFor, claimed[next++]!));
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
    for (const outcome of await recordAttempts(db, attempts, policy)) result[outcome === "retry" ? "retried" : outcome]++;
  }
  return result;
}
