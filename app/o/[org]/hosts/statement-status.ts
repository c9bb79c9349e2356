import { useTranslations } from "next-intl";
import { hostStatementStatuses, type HostStatementStatus } from "~/server/hosts/contract";

/** Statement states in the page's language, for badges and the filter. */
export function useStatementStatus() {
  const t = useTranslations("hosts.status");
  const label = (s: HostStatementStatus) => t(s);
  return { label, options: hostStatementStatuses.map((s) => ({ value: s, label: label(s) })) };
}
