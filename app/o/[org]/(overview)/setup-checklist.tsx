import { Check, Circle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "~/app/_components/ui/card";
import type { SetupStep } from "./setup-steps";

/** A step's mark: a tick when done, an open circle when not (named for screen readers). */
export function StepMark({ done }: { done: boolean | null }) {
  const t = useTranslations("overview.setup.mark");
  return done ? (
    <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-white">
      <Check aria-hidden className="size-3.5" strokeWidth={3} />
      <span className="sr-only">{t("done")}</span>
    </span>
  ) : (
    <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center text-zinc-300 dark:text-zinc-600">
      <Circle aria-hidden className="size-5" />
      <span className="sr-only">{done === false ? t("todo") : t("step")}</span>
    </span>
  );
}

/**
 * The setup steps on the overview of an org that has machines: compact, above the figures, until
 * every step is done.
 */
export function SetupChecklist({ steps }: { steps: SetupStep[] }) {
  const t = useTranslations("overview.setup.checklist");
  const done = steps.filter((s) => s.done).length;
  return (
    <Card
      id="setup"
      title={t("title")}
      description={t("description", { done, total: steps.length })}
      className="mb-6"
      bodyClassName="p-0"
      actions={
        <div
          role="progressbar"
          aria-label={t("progress")}
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
          className="mt-1.5 h-1.5 w-32 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div className="h-full rounded-full bg-emerald-500" style={{ width: `${(done / steps.length) * 100}%` }} />
        </div>
      }
    >
      <ol className="grid gap-px overflow-hidden rounded-b-lg bg-zinc-200 sm:grid-cols-2 lg:grid-cols-3 dark:bg-zinc-800">
        {steps.map((step) => (
          <li key={step.key} className="flex items-start gap-2.5 bg-white px-4 py-3 dark:bg-zinc-900">
            <StepMark done={step.done} />
            <div className="min-w-0 flex-1">
              <p className={`text-[13px] font-medium ${step.done ? "text-zinc-500 dark:text-zinc-400" : "text-zinc-900 dark:text-zinc-100"}`}>{step.title}</p>
              <p className="text-xs break-words text-zinc-500 dark:text-zinc-400">{step.body}</p>
              {step.href && !step.done && (
                <Link href={step.href} className="mt-1 inline-block text-xs font-medium text-brand-600 hover:underline dark:text-brand-500">
                  {step.action}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
