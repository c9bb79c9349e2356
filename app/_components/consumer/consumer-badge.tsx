import { StatusBadge } from "../ui/status-badge";
import { wordsFor, type StatusWords } from "./purchase-status";

/** A purchase, refund or request state as a badge, in the consumer's words. */
export function ConsumerBadge({ table, status, className }: { table: Record<string, StatusWords>; status: string; className?: string }) {
  const words = wordsFor(table, status);
  return <StatusBadge status={words.tone} label={words.label} className={className} />;
}
