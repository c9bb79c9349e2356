"use client";

import { useMutation } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { RequestDecision } from "~/app/_components/consumer/request-decision";
import { Field, controlClasses } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { formErrors } from "~/app/_components/forms/form-check";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { reportProblemInput } from "~/server/consumers/contract";
import type { FieldErrors } from "~/server/errors";

/** The reason's length limits, as the server checks them. */
const reasonLimits = reportProblemInput.shape.reason;

interface RequestView {
  status: string;
  reason: string | null;
  decisionReason: string | null;
  createdAt: Date | null;
  decidedAt: Date | null;
}

/**
 * "Report a problem" on a purchase: a reason the operator reads and decides on. Once sent, the
 * request and, when made, the operator's decision with their reason.
 */
export function ProblemReport({ saleId, request }: { saleId: string; request: RequestView | null }) {
  const t = useTranslations("consumer.me.report");
  const trpc = useTRPC();
  const router = useRouter();
  const report = useMutation(trpc.consumer.reportProblem.mutationOptions({ onSuccess: () => router.refresh() }));
  const [local, setLocal] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(report.error), ...local };

  if (request) {
    return (
      <Card title={t("yours")} actions={<ConsumerBadge kind="request" status={request.status} />}>
        <div className="space-y-3 text-sm">
          {request.reason && <p className="whitespace-pre-line text-zinc-700 dark:text-zinc-300">“{request.reason}”</p>}
          {request.createdAt && (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {t.rich("sent", { time: () => <LocalTime date={request.createdAt!} /> })}
            </p>
          )}
          {request.status === "pending" ? (
            <p className="text-zinc-600 dark:text-zinc-400">{t("pending")}</p>
          ) : (
            <RequestDecision status={request.status} decisionReason={request.decisionReason} decidedAt={request.decidedAt} />
          )}
        </div>
      </Card>
    );
  }

  return (
    <Card title={t("title")} description={t("description")} className="print:hidden">
      <form
        className="space-y-3"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const values = { saleId, reason: String(new FormData(event.currentTarget).get("reason") ?? "") };
          const errors = formErrors(reportProblemInput, values);
          setLocal(errors);
          if (Object.keys(errors).length === 0) report.mutate(values);
        }}
      >
        <FormAlert message={report.error && !fieldErrors.reason ? errorMessageOf(report.error) : null} />
        <Field label={t("label")} errors={fieldErrors.reason} hint={t("hint")}>
          {(control) => <textarea {...control} name="reason" rows={4} required minLength={reasonLimits.minLength ?? undefined} maxLength={reasonLimits.maxLength ?? undefined} className={`${controlClasses} h-auto py-2`} />}
        </Field>
        <Button type="submit" variant="primary" className="h-10" disabled={report.isPending}>
          {report.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          {report.isPending ? t("sending") : t("send")}
        </Button>
      </form>
    </Card>
  );
}
