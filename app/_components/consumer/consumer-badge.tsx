import { StatusBadge } from "../ui/status-badge";
import { useStatusWords, type StatusTable } from "./purchase-status";

/** A purchase, refund or request state as a badge, in the consumer's words. */
export function ConsumerBadge({ kind, status, className }: { kind: StatusTable; status: string; className?: string }) {
  const words = useStatusWords()(kind, status);
  return <StatusBadge status={words.tone} label={words.label} className={className} />;
}
