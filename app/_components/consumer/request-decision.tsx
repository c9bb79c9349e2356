import { useTranslations } from "next-intl";
import { LocalTime } from "./local-time";

/** The operator's answer to a consumer's request: approved or declined, when, and why. */
export function RequestDecision({ status, decisionReason, decidedAt }: { status: string; decisionReason: string | null; decidedAt: Date | null }) {
  const t = useTranslations("consumer.decision");
  if (status === "pending") return null;
  return (
    <div className="rounded-md bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-800/50">
      <p className="font-medium">
        {status === "approved" ? t("approved") : t("declined")}
        {decidedAt && (
          <span className="font-normal text-zinc-500 dark:text-zinc-400">
            {" "}
            <LocalTime date={decidedAt} />
          </span>
        )}
      </p>
      {decisionReason && <p className="mt-1 text-zinc-600 dark:text-zinc-400">{t("reason", { reason: decisionReason })}</p>}
    </div>
  );
}
