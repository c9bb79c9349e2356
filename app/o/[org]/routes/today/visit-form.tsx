"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ClipboardCheck, CloudUpload, FileText, LoaderCircle, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { amountHint, parseMajor, toMajorText } from "~/server/money";
import { AUDIT_FILE_ACCEPT, readAuditFile, type ReadAuditFile } from "../../audits/audit-file";
import { formatFileSize } from "../../audits/audit-format";
import { SlotCounts } from "./slot-counts";
import { VisitOutcome, type VisitAnswer } from "./visit-outcome";
import { isRetryable, online, useVisitQueue } from "./visit-queue";

type Stop = RouterOutputs["routes"]["day"]["stops"][number];

const newVisitKey = () => crypto.randomUUID();

/**
 * Counts per slot after filling, prefilled with the planned level, the cash counted and the audit
 * file read at the visit; one visit per opening. Once recorded, what the visit came to. Without a
 * network the visit is queued on the phone under its key and sent when the network returns.
 */
export function VisitForm({ stop, routeId, fillTo }: { stop: Stop; routeId: string; fillTo: "capacity" | "par" }) {
  const t = useTranslations("routes.visit");
  const ui = useTranslations("common.ui");
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // Chosen when the form opens: a double tap or a retry after a lost answer is the same visit.
  const [visitKey, setVisitKey] = useState(newVisitKey);
  const planned = (code: string, stock: number) => {
    const fill = stop.fills.find((f) => f.code === code);
    return fill && fill.quantity > 0 ? fill.target : stock;
  };
  const [counts, setCounts] = useState(() => Object.fromEntries(stop.slots.map((s) => [s.code, String(planned(s.code, s.stock))])));
  const [cash, setCash] = useState("");
  const [cashError, setCashError] = useState<string | null>(null);
  const [audit, setAudit] = useState<ReadAuditFile | null>(null);
  const [recorded, setRecorded] = useState<{ answer: VisitAnswer; countedMinor: number | null } | null>(null);
  const [queueError, setQueueError] = useState<string | null>(null);
  const queue = useVisitQueue();
  const queued = queue.visits.find((v) => v.input.machineId === stop.machineId && v.input.routeId === routeId);
  const record = useMutation(
    trpc.visits.record.mutationOptions({
      // Never paused while offline: a visit that cannot be sent goes to the phone's queue instead.
      networkMode: "always",
      onSuccess: async (answer, input) => {
        setRecorded({ answer, countedMinor: input.cashCountedMinor ?? null });
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.routes.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audits.pathKey() });
      },
    }),
  );
  const errors = fieldErrorsOf(record.error);
  const cashId = `cash-${stop.machineId}`;
  const auditId = `audit-${stop.machineId}`;

  if (queued) return <QueuedNote stopName={stop.name} refusal={queued.refusal ?? null} onDiscard={() => queue.discard(queued.input.visitKey)} />;
  // Until the visit is undone: the stop is then to visit again.
  if (recorded && stop.visited?.id === recorded.answer.visit.id) return <VisitOutcome answer={recorded.answer} countedMinor={recorded.countedMinor} />;
  if (stop.visited) return null;
  if (!open) {
    return (
      <Button
        variant="primary"
        size="lg"
        className="mt-3 w-full"
        onClick={() => {
          setVisitKey(newVisitKey());
          setOpen(true);
        }}
      >
        <ClipboardCheck aria-hidden />
        {t("record")}
      </Button>
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const cashCountedMinor = parseMajor(cash, org.currency);
    if (Number.isNaN(cashCountedMinor)) {
      setCashError(`${t("cashInvalid", { currency: org.currency })} ${amountHint(org.currency, locale)}`);
      return;
    }
    if (audit?.problem) return;
    setCashError(null);
    const input = {
      orgId: org.id,
      machineId: stop.machineId,
      routeId,
      visitKey,
      recordedAt: new Date(),
      counts: stop.slots.map((s) => ({ slot: s.code, quantity: Number(counts[s.code] ?? 0) })),
      cashCountedMinor,
      audit: audit ? { name: audit.name, contentBase64: audit.contentBase64 } : null,
    };
    const toQueue = async () => {
      try {
        await queue.enqueue({ input, stopName: stop.name });
        record.reset();
        setOpen(false);
      } catch {
        setQueueError(t("cannotQueue"));
      }
    };
    if (!online()) {
      void toQueue();
      return;
    }
    // Sent but not answered (the network dropped): queued under the same key, so it is recorded once.
    record.mutate(input, { onError: (error) => void (isRetryable(error) && toQueue()) });
  }

  const cashErrors = [cashError, ...(errors.cashCountedMinor ?? [])].filter((m): m is string => Boolean(m));
  const auditErrors = [audit?.problem, ...(errors.audit ?? []), ...(errors["audit.contentBase64"] ?? [])].filter((m): m is string => Boolean(m));


  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800" aria-label={t("formLabel", { name: stop.name })}>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t(fillTo === "capacity" ? "countToCapacity" : "countToPar")}
      </p>
      <FormAlert message={queueError ?? (record.error && !isRetryable(record.error) ? errorMessageOf(record.error) : null)} />
      <SlotCounts
        idPrefix={`count-${stop.machineId}`}
        slots={stop.slots.map((s) => ({ code: s.code, productName: s.productName, capacity: s.capacity, was: s.stock, wasLabel: t("was") }))}
        counts={counts}
        onChange={setCounts}
        errors={errors}
      />
      <div className="space-y-1.5 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <label htmlFor={cashId} className="flex items-baseline justify-between text-sm font-medium">
          {t("cash")}
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">{ui("optional")}</span>
        </label>
        <div className="flex items-center gap-2">
          <input
            id={cashId}
            name="cashCounted"
            inputMode="decimal"
            autoComplete="off"
            placeholder={toMajorText(0, org.currency)}
            value={cash}
            onChange={(e) => {
              setCash(e.target.value);
              setCashError(null);
            }}
            aria-invalid={cashErrors.length > 0 ? true : undefined}
            aria-describedby={`${cashId}-hint`}
            className="h-11 w-full min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 text-base tabular aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <span className="text-sm font-medium text-zinc-500">{org.currency}</span>
        </div>
        <p id={`${cashId}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {cashErrors.length > 0 ? <span className="text-[13px] text-red-600 dark:text-red-400">{cashErrors[0]}</span> : t("cashHint")}
        </p>
      </div>
      <div className="space-y-1.5">
        <span id={`${auditId}-label`} className="flex items-baseline justify-between text-sm font-medium">
          {t("audit")}
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">{ui("optional")}</span>
        </span>
        {audit ? (
          <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-800/60">
            <FileText aria-hidden className="size-4 shrink-0 text-zinc-500" />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{audit.name}</span>
              <span className="block text-xs text-zinc-500">{formatFileSize(audit.size)}</span>
            </span>
            <Button type="button" size="lg" variant="ghost" className="w-11 px-0" aria-label={t("removeAudit", { name: audit.name })} onClick={() => setAudit(null)}>
              <X aria-hidden />
            </Button>
          </div>
        ) : (
          <label
            htmlFor={auditId}
            className="flex h-11 cursor-pointer items-center justify-center gap-2 rounded-md border border-dashed border-zinc-300 text-sm font-medium text-zinc-700 has-focus-visible:border-brand-500 has-focus-visible:ring-3 has-focus-visible:ring-brand-500/20 dark:border-zinc-700 dark:text-zinc-300"
          >
            <FileText aria-hidden className="size-4" />
            {t("chooseAudit")}
            <input
              id={auditId}
              type="file"
              accept={AUDIT_FILE_ACCEPT}
              aria-labelledby={`${auditId}-label`}
              aria-describedby={`${auditId}-hint`}
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void readAuditFile(file).then(setAudit);
              }}
            />
          </label>
        )}
        <p id={`${auditId}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {auditErrors.length > 0 ? <span className="text-[13px] text-red-600 dark:text-red-400">{auditErrors[0]}</span> : t("auditHint")}
        </p>
      </div>
      <div className="flex gap-2">
        <Button type="button" size="lg" className="flex-1" onClick={() => setOpen(false)} disabled={record.isPending}>
          {ui("cancel")}
        </Button>
        <Button type="submit" variant="primary" size="lg" className="flex-1" disabled={record.isPending}>
          {record.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

/** A visit kept on the phone until the network returns, or one the server refused. */
function QueuedNote({ stopName, refusal, onDiscard }: { stopName: string; refusal: string | null; onDiscard: () => Promise<void> }) {
  const t = useTranslations("routes.visit");
  if (refusal) {
    return (
      <div role="alert" className="mt-3 space-y-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-300">
        <p>{t("refused", { reason: refusal })}</p>
        <Button type="button" size="lg" className="w-full" onClick={() => void onDiscard()}>
          {t("discard", { name: stopName })}
        </Button>
      </div>
    );
  }
  return (
    <p className="mt-3 flex items-center gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-800 dark:bg-sky-500/10 dark:text-sky-300">
      <CloudUpload aria-hidden className="size-4 shrink-0" />
      {t("queued")}
    </p>
  );
}
