import { useTranslations } from "next-intl";
import common from "~/server/i18n/messages/en/common.json";

/** A refund's state in English words; pages use `useRefundLabels().status`. */
export const refundStatusLabels: Readonly<Record<string, string>> = common.refundStatus;

/** Why a refund exists, in English words; pages use `useRefundLabels().origin`. */
export const refundOriginLabels = common.refundOrigin;

type RefundStatus = keyof typeof common.refundStatus;
type RefundOrigin = keyof typeof refundOriginLabels;

interface Translator<K extends string> {
  has: (key: K) => boolean;
  (key: K): string;
}

/** Translates a refund's state and origin with `common.refundStatus` and `common.refundOrigin`; unknown values stay as they are. */
export function refundWords(status: Translator<RefundStatus>, origin: Translator<RefundOrigin>) {
  return {
    /** A refund's state, as a badge next to the sale or order it pays back ("Refunded"). */
    status: (s: string) => (status.has(s as RefundStatus) ? status(s as RefundStatus) : s),
    /** Why a refund exists: the system's own (a failed or expired vend), a manager's, or a consumer's request. */
    origin: (o: string) => (origin.has(o as RefundOrigin) ? origin(o as RefundOrigin) : o),
  };
}

/** Refund states and origins in the reader's language. */
export function useRefundLabels() {
  return refundWords(useTranslations("common.refundStatus"), useTranslations("common.refundOrigin"));
}
