// Consumer-facing words for the states of purchases, refunds and requests, each paired with the
// product's status colour (StatusBadge `status`) so the consumer pages speak one language.
import { useTranslations } from "next-intl";
import { refundWords } from "../labels/refund-labels";

export interface StatusWords {
  /** A key of StatusBadge's colour language. */
  tone: string;
  label: string;
}

/** Each state's colour; the words are in `consumer.status.<table>` (refunds: `common.refundStatus`). */
const tones = {
  purchase: { dispensed: "succeeded", not_dispensed: "failed", awaiting_payment: "pending", paid: "processing", not_vended: "failed", canceled: "disabled" },
  refund: { pending: "pending", processing: "processing", succeeded: "succeeded", failed: "failed" },
  request: { pending: "pending", approved: "succeeded", rejected: "failed" },
} as const satisfies Record<string, Record<string, string>>;

export type StatusTable = keyof typeof tones;

/** The states of a purchase, in the order a legend lists them. */
export const purchaseStatuses = Object.keys(tones.purchase) as (keyof typeof tones.purchase)[];

/** The words for a status in the reader's language, or the raw status when it is new to this page. */
export function useStatusWords(): (table: StatusTable, status: string) => StatusWords {
  const t = useTranslations("consumer.status");
  const refund = refundWords(useTranslations("common.refundStatus"), useTranslations("common.refundOrigin"));
  return (table, status) => {
    const tone = (tones[table] as Record<string, string>)[status];
    if (!tone) return { tone: status, label: status.replace(/_/g, " ") };
    if (table === "refund") return { tone, label: refund.status(status) };
    return { tone, label: t(`${table}.${status}` as Parameters<typeof t>[0]) };
  };
}
