import { hostStatementStatuses, type HostStatementStatus } from "~/server/hosts/contract";

/** Statement states in words, for badges and the filter. */
export const statementStatusLabels: Record<HostStatementStatus, string> = {
  draft: "Draft",
  approved: "Approved",
  sent: "Sent",
  paid: "Paid",
};

export const statementStatusOptions = hostStatementStatuses.map((s) => ({ value: s, label: statementStatusLabels[s] }));
