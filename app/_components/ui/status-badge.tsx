import clsx from "clsx";
import { useTranslations } from "next-intl";
import type { Messages } from "~/server/i18n/messages";

/** The states that have words of their own in `common.status`. */
type StatusKey = keyof Messages["common"]["status"];

type Tone = "success" | "warning" | "danger" | "info" | "neutral";

/**
 * The one colour language for states, across the product: green is fine, amber waits for
 * someone, red needs action, blue is in progress, grey is over or switched off.
 */
const toneOf: Record<string, Tone> = {
  // people and invitations
  accepted: "success",
  active: "success",
  pending: "warning",
  revoked: "neutral",
  expired: "neutral",
  // machines
  online: "success",
  offline: "danger",
  fault: "danger",
  // Registered but has not reported yet: nothing has gone wrong.
  never_connected: "neutral",
  disabled: "neutral",
  // alerts
  open: "danger",
  acknowledged: "warning",
  resolved: "success",
  // alert and fault severities
  critical: "danger",
  warning: "warning",
  info: "info",
  // products
  inactive: "neutral",
  // payments, refunds, jobs
  succeeded: "success",
  processing: "info",
  paid: "success",
  failed: "danger",
  running: "info",
  queued: "warning",
  // online orders and refund requests
  awaiting_payment: "warning",
  dispensed: "success",
  canceled: "neutral",
  approved: "success",
  rejected: "neutral",
  // host statements: a draft waits for approval, a sent one for payment
  draft: "warning",
  sent: "info",
};

const tones: Record<Tone, { badge: string; dot: string }> = {
  success: {
    badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/25",
    dot: "bg-emerald-500",
  },
  warning: {
    badge: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/25",
    dot: "bg-amber-500",
  },
  danger: {
    badge: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/25",
    dot: "bg-red-500",
  },
  info: {
    badge: "bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-500/25",
    dot: "bg-sky-500",
  },
  neutral: {
    badge: "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-500/10 dark:text-zinc-400 dark:ring-zinc-500/25",
    dot: "bg-zinc-400",
  },
};

/** A state shown as a small pill with a coloured dot; the colour follows the state's meaning. */
export function StatusBadge({ status, label, className }: { status: string; label?: string; className?: string }) {
  const t = useTranslations("common.status");
  const tone = tones[toneOf[status] ?? "neutral"];
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        tone.badge,
        className,
      )}
    >
      <span aria-hidden className={clsx("size-1.5 rounded-full", tone.dot)} />
      {label ?? (t.has(status as StatusKey) ? t(status as StatusKey) : status.charAt(0).toUpperCase() + status.slice(1))}
    </span>
  );
}
