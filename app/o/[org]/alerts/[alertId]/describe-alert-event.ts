/** What a timeline entry says, in the operator's words. */
export function describeAlertEvent(e: { type: string; data: Record<string, unknown> }): string {
  const d = e.data;
  switch (e.type) {
    case "raised":
      return `Raised (${String(d.severity ?? "")})`;
    case "repeated":
      return `Happened again (${String(d.count ?? "")} times in all)`;
    case "escalated":
      return `Severity rose from ${String(d.from)} to ${String(d.to)}`;
    case "reopened":
      return "Re-opened: the condition came back shortly after clearing";
    case "acknowledged":
      return "Acknowledged";
    case "assigned":
      return `Assigned to ${String(d.assigneeName ?? "a member")}`;
    case "unassigned":
      return "Unassigned";
    case "resolved":
      return d.note ? `Resolved by hand: “${String(d.note)}”` : "Resolved by hand";
    case "auto_resolved":
      return "Resolved: the condition cleared";
    case "notified": {
      const parts = [d.members ? `${String(d.members)} in the app` : null, d.emails ? `${String(d.emails)} e-mail(s) queued` : null, d.webhooks ? `${String(d.webhooks)} webhook endpoint(s)` : null].filter(Boolean);
      return `Notified: ${parts.join(", ") || "nobody"}`;
    }
    default:
      return e.type;
  }
}
