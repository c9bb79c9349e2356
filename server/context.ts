import "server-only";
import type { Db } from "~/db/client";
import type { MemberRole } from "~/db/schema";

/** Who caused a change; written to the audit log with it. */
export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "machine"; id: string; label?: string }
  | { type: "api_key"; id: string; label?: string }
  | { type: "stripe" | "job" | "system"; id?: string; label?: string };

/**
 * What every org-scoped service receives, built only by the functions below. `db` is a tenant
 * transaction (see `withTenant`) and `orgId` comes from a resolved membership, a machine's
 * credentials or a job's loop over orgs, never from client input.
 */
export interface ServiceCtx {
  readonly db: Db;
  readonly orgId: string;
  readonly actor: Actor;
  /**
   * The acting member's role, for rules that depend on who acts (e.g. only owners make owners);
   * null when a consumer, a machine, a payment provider or a job acts.
   */
  readonly role: MemberRole | null;
}

/** A signed-in member of the org, acting with their role. */
export function memberContext(db: Db, member: { orgId: string; role: MemberRole; userId: string; name: string }): ServiceCtx {
  return { db, orgId: member.orgId, role: member.role, actor: { type: "user", id: member.userId, label: member.name } };
}

/** A consumer acting on their own purchase at one operator (a problem report, a claim). */
export function consumerContext(db: Db, consumer: { orgId: string; consumerId: string }): ServiceCtx {
  return { db, orgId: consumer.orgId, role: null, actor: { type: "user", id: consumer.consumerId, label: "Consumer" } };
}

/** A machine, resolved from its credentials; its events are written under its org. */
export function machineContext(db: Db, machine: { orgId: string; machineId: string }): ServiceCtx {
  return { db, orgId: machine.orgId, role: null, actor: { type: "machine", id: machine.machineId } };
}

/** An integrator calling the public REST API with one of the org's API keys (id and name). */
export function apiKeyContext(db: Db, key: { orgId: string; apiKeyId: string; name: string }): ServiceCtx {
  return { db, orgId: key.orgId, role: null, actor: { type: "api_key", id: key.apiKeyId, label: key.name } };
}

/** A scheduled or background job working on one org. */
export function jobContext(db: Db, job: { orgId: string; name: string; label?: string }): ServiceCtx {
  return { db, orgId: job.orgId, role: null, actor: { type: "job", id: job.name, label: job.label ?? `Job ${job.name}` } };
}

/** A payment provider's webhook, or the system itself, acting on one org. */
export function systemContext(db: Db, system: { orgId: string; actor: "stripe" | "system"; id?: string; label?: string }): ServiceCtx {
  return { db, orgId: system.orgId, role: null, actor: { type: system.actor, id: system.id, label: system.label } };
}

/** The same actor on another org or connection (e.g. a job's context inside a new transaction). */
export function contextFor(ctx: ServiceCtx, db: Db, orgId: string = ctx.orgId): ServiceCtx {
  return { ...ctx, db, orgId };
}

/**
 * A consumer acting on their own purchases across operators: no org, and the database confines
 * the transaction to their rows (`withConsumer`).
 */
export interface ConsumerCtx {
  readonly db: Db;
  readonly consumerId: string;
}

/** The consumer's own context, for their purchases, receipts, claims and problem reports. */
export function consumerSelfContext(db: Db, consumerId: string): ConsumerCtx {
  return { db, consumerId };
}

/**
 * A host (the person whose place a machine stands in) acting in the host portal: confined by the
 * database to their locations of one org (`withHost`), with no member role.
 */
export interface HostCtx {
  readonly db: Db;
  readonly orgId: string;
  readonly userId: string;
  readonly locationIds: readonly string[];
  readonly actor: Actor;
}

/** The host's own context, inside `withHost` for the same org and locations. */
export function hostContext(db: Db, host: { orgId: string; userId: string; name: string; locationIds: readonly string[] }): HostCtx {
  return { db, orgId: host.orgId, userId: host.userId, locationIds: host.locationIds, actor: { type: "user", id: host.userId, label: `${host.name} (host)` } };
}

/** The operator's side of a host's action (e.g. the alert a problem report raises), in a tenant transaction of the host's org. */
export function hostActingContext(db: Db, host: HostCtx): ServiceCtx {
  return { db, orgId: host.orgId, role: null, actor: host.actor };
}
