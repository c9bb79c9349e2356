"use client";

import { createContext, useContext } from "react";
import type { MemberRole } from "~/server/tenancy/contract";

export interface OrgContextValue {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  /** The signed-in member's role in this organization. */
  role: MemberRole;
  userId: string;
}

const OrgContext = createContext<OrgContextValue | null>(null);

/** Makes the current organization and the member's role available to client components below. */
export function OrgProvider({ value, children }: { value: OrgContextValue; children: React.ReactNode }) {
  return <OrgContext value={value}>{children}</OrgContext>;
}

/** The organization of the page being shown. */
export function useOrg(): OrgContextValue {
  const org = useContext(OrgContext);
  if (!org) throw new Error("useOrg() needs an <OrgProvider> above it (the /o/[org] layout).");
  return org;
}
