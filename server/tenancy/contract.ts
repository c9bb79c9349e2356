import type { MemberRole } from "~/db/schema";

/** Roles from least to most powerful; each procedure names the least role it needs. */
export const roleLadder = ["viewer", "technician", "manager", "admin", "owner"] as const satisfies readonly MemberRole[];

export const roleLabels: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  technician: "Technician",
  viewer: "Viewer",
};

export const roleDescriptions: Record<MemberRole, string> = {
  owner: "Everything, including other owners and the organization itself",
  admin: "Members, invitations, settings and the audit log",
  manager: "Fleet, catalog, refunds and plans",
  technician: "Routes, visits and machine service",
  viewer: "Read-only access to dashboards and reports",
};

export function roleRank(role: MemberRole): number {
  return roleLadder.indexOf(role);
}

export function hasRole(role: MemberRole, least: MemberRole): boolean {
  return roleRank(role) >= roleRank(least);
}
