import clsx from "clsx";
import { CircleAlert, CircleCheck } from "lucide-react";

/**
 * A message about a whole form or action. Always rendered (empty when there is nothing to say)
 * so screen readers announce the message when it appears.
 */
export function FormAlert({
  message,
  tone = "error",
  className,
}: {
  message?: string | null;
  tone?: "error" | "success";
  className?: string;
}) {
  return (
    // empty:m-0 keeps an empty alert from taking space in a spaced stack (space-y-*).
    <div
      role={tone === "error" ? "alert" : "status"}
      aria-live={tone === "error" ? "assertive" : "polite"}
      className={clsx("empty:m-0", className)}
    >
      {message && (
        <p
          className={clsx(
            "flex items-start gap-2 rounded-md border px-3 py-2 text-[13px]",
            tone === "error"
              ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
              : "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200",
          )}
        >
          {tone === "error" ? (
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          ) : (
            <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
          )}
          <span>{message}</span>
        </p>
      )}
    </div>
  );
}
