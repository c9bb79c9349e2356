/** How many of the machine's audits its page lists; the Audits page has them all. */
export const MACHINE_AUDITS_SHOWN = 8;

/** The machine page's audits query, the same for the server's prefetch and the panel. */
export const machineAuditsInput = (orgId: string, machineId: string) => ({ orgId, machineId, limit: MACHINE_AUDITS_SHOWN });
