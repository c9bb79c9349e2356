"use client";

import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { CheckCircle2, LoaderCircle, MessageSquareWarning } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Field, controlClasses } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";

/** A host tells the operator that something is wrong with a machine; it reaches them as an alert. */
export function ReportProblem({ org, machineId, machineName }: { org: string; machineId: string; machineName: string }) {
  const t = useTranslations("hostPortal.report");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const report = useMutation(trpc.hostPortal.reportProblem.mutationOptions({ onSuccess: () => setText("") }));

  if (!open) {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={() => (report.reset(), setOpen(true))}>
          <MessageSquareWarning aria-hidden />
          {t.rich("button", { machine: machineName, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
        </Button>
        {report.isSuccess && (
          <p role="status" className="flex items-center gap-1 text-[13px] text-emerald-700 dark:text-emerald-300">
            <CheckCircle2 aria-hidden className="size-4" />
            {t("sent")}
          </p>
        )}
      </div>
    );
  }
  const errors = fieldErrorsOf(report.error);
  return (
    <form
      className="mt-3 space-y-3 rounded-md border border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={(e) => {
        e.preventDefault();
        report.mutate({ org, machineId, text }, { onSuccess: () => setOpen(false) });
      }}
    >
      <FormAlert message={errors.text ? null : errorMessageOf(report.error)} />
      <Field label={t("label", { machine: machineName })} hint={t("hint")} errors={errors.text}>
        {(control) => (
          <textarea
            {...control}
            required
            minLength={3}
            maxLength={2000}
            rows={3}
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={clsx(controlClasses, "min-h-20 resize-y")}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={report.isPending}>
          {report.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          {t("send")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
