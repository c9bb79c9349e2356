import type { Db } from "~/db/client";
import type { MemberRole } from "~/db/schema";

/** Who caused a change; written to the audit log with it. */
export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "machine"; id: string; label?: string }
  | { type: "stripe" | "job" | "system"; id?: string; label?: string };

/**
 * What every org-scoped service receives. `db` is a tenant transaction (see `withTenant`) and
 * `orgId` comes from the resolved membership, never from client input.
 */
export interface ServiceCtx {
  db: Db;
  orgId: string;
  actor: Actor;
  /**
   * The acting member's role, for rules that depend on who acts (e.g. only owners make owners);
   * null when a machine, Stripe or a job acts.
   */
  role: MemberRole | null;
}
