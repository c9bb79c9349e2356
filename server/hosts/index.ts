// The hosts domain's front door: the only module other domains, transports and pages import.
import "server-only";

export * from "./contract";
// Contracts, statements and commissions.
export { computeCommission } from "./commission";
export { listContracts, removeContract } from "./contracts";
export { generateAllDueStatements, generateDueStatements, generateStatements, saveContract } from "./generate";
export { addAdjustment, approveStatement, getStatement, listStatements, markStatementPaid } from "./statements";
export { locationCommissions, sendStatement, statementFile, type SendStatementResult } from "./send";
export { describeRule, statementCsv, statementPdf } from "./statement-files";
// The host portal: hosts' access to their places, their invitations, what they see and report.
export * from "./portal-inputs";
export { acceptHostInvitation, inviteHosts, listLocationHosts, previewHostInvitation, removeHost, revokeHostInvitation } from "./invitations";
export { listHostPlaces, resolveHostAccess, type ResolvedHostAccess } from "./portal-access";
export { HOST_VISIBLE_STATEMENTS, hostLocation, hostOverview, hostStatement, hostStatementFile } from "./portal";
export { reportMachineProblem } from "./portal-reports";
