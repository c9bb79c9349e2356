export const severities = ["info", "warning", "critical"] as const;
export type AlertSeverity = (typeof severities)[number];

const rank: Record<string, number> = { info: 0, warning: 1, critical: 2, off: 3 };

/** Whether `severity` reaches `threshold` ("off" is reached by nothing). */
export function reaches(severity: AlertSeverity, threshold: AlertSeverity | "off"): boolean {
  return rank[severity]! >= rank[threshold]!;
}

export function isHigher(a: AlertSeverity, b: AlertSeverity): boolean {
  return rank[a]! > rank[b]!;
}
