import { useTranslations } from "next-intl";
import { alertSeverities, type AlertSeverity } from "~/server/alerts/contract";

/** What a timeline entry says, in the operator's words. */
export function useDescribeAlertEvent(): (e: { type: string; data: Record<string, unknown> }) => string {
  const t = useTranslations("alerts.event");
  // Severities inside a sentence, in lower case where the language has it ("Raised (critical)").
  const severity = (value: string) => (alertSeverities.includes(value as AlertSeverity) ? t(`severity.${value as AlertSeverity}`) : value);
  return (e) => {
    const d = e.data;
    switch (e.type) {
      case "raised":
        return t("raised", { severity: severity(String(d.severity ?? "")) });
      case "repeated":
        return t("repeated", { count: String(d.count ?? "") });
      case "escalated":
        return t("escalated", { from: severity(String(d.from)), to: severity(String(d.to)) });
      case "reopened":
        return t("reopened");
      case "acknowledged":
        return t("acknowledged");
      case "assigned":
        return t("assigned", { name: d.assigneeName ? String(d.assigneeName) : t("aMember") });
      case "unassigned":
        return t("unassigned");
      case "resolved":
        return d.note ? t("resolvedWithNote", { note: String(d.note) }) : t("resolved");
      case "auto_resolved":
        return t("autoResolved");
      case "notified": {
        const parts = [
          d.members ? t("inApp", { count: String(d.members) }) : null,
          d.emails ? t("emails", { count: String(d.emails) }) : null,
          d.webhooks ? t("webhooks", { count: String(d.webhooks) }) : null,
        ].filter(Boolean);
        return t("notified", { parts: parts.join(t("separator")) || t("nobody") });
      }
      default:
        return e.type;
    }
  };
}
