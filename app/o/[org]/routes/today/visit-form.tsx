"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ClipboardCheck, FileText, LoaderCircle, Minus, Plus, X } from "lucide-react";
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
import { VisitOutcome, type VisitAnswer } from "./visit-outcome";

type Stop = RouterOutputs["routes"]["day"]["stops"][number];

const newVisitKey = () => crypto.randomUUID();

/**
 * Counts per slot after filling, prefilled with the planned level, the cash counted and the audit
 * file read at the visit; one visit per opening. Once recorded, what the visit came to.
 */
export function VisitForm({ stop, routeId, fillTo }: { stop: Stop; routeId: string; fillTo: "capacity" | "par" }) {
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
  const record = useMutation(
    trpc.visits.record.mutationOptions({
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

  if (recorded) return <VisitOutcome answer={recorded.answer} countedMinor={recorded.countedMinor} />;
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
        Record visit
      </Button>
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const cashCountedMinor = parseMajor(cash, org.currency);
    if (Number.isNaN(cashCountedMinor)) {
      setCashError(`Enter the cash in ${org.currency}. ${amountHint(org.currency)}`);
      return;
    }
    if (audit?.problem) return;
    setCashError(null);
    record.mutate({
      orgId: org.id,
      machineId: stop.machineId,
      routeId,
      visitKey,
      counts: stop.slots.map((s) => ({ slot: s.code, quantity: Number(counts[s.code] ?? 0) })),
      cashCountedMinor,
      audit: audit ? { name: audit.name, contentBase64: audit.contentBase64 } : null,
    });
  }

  const cashErrors = [cashError, ...(errors.cashCountedMinor ?? [])].filter((m): m is string => Boolean(m));
  const auditErrors = [audit?.problem, ...(errors.audit ?? []), ...(errors["audit.contentBase64"] ?? [])].filter((m): m is string => Boolean(m));

  const step = (code: string, by: number, capacity: number) =>
    setCounts((c) => ({ ...c, [code]: String(Math.max(0, Math.min(capacity, (Number(c[code]) || 0) + by))) }));

  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800" aria-label={`Visit ${stop.name}`}>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Count each slot after filling (to {fillTo === "capacity" ? "capacity" : "par"}). The counts replace the machine&apos;s stock.
      </p>
      <FormAlert message={record.error ? errorMessageOf(record.error) : null} />
      <ul className="space-y-2">
        {stop.slots.map((s, i) => {
          const id = `count-${stop.machineId}-${s.code}`;
          const error = errors[`counts.${i}.quantity`];
          return (
            <li key={s.code}>
              <div className="flex items-center gap-2">
                <label htmlFor={id} className="min-w-0 flex-1 text-sm">
                  <span className="font-mono text-xs text-zinc-500">{s.code}</span> {s.productName ?? "Empty slot"}
                  <span className="block text-xs text-zinc-500">
                    was {s.stock} · holds {s.capacity}
                  </span>
                </label>
                <Button type="button" size="lg" className="w-11 px-0" aria-label={`One less in ${s.code}`} onClick={() => step(s.code, -1, s.capacity)}>
                  <Minus aria-hidden />
                </Button>
                <input
                  id={id}
                  name={s.code}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  value={counts[s.code] ?? ""}
                  onChange={(e) => setCounts((c) => ({ ...c, [s.code]: e.target.value.replace(/\D/g, "") }))}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  className="h-11 w-16 rounded-md border border-zinc-300 bg-white text-center text-base tabular aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
                />
                <Button type="button" size="lg" className="w-11 px-0" aria-label={`One more in ${s.code}`} onClick={() => step(s.code, 1, s.capacity)}>
                  <Plus aria-hidden />
                </Button>
              </div>
              {error && (
                <p id={`${id}-error`} className="mt-1 text-[13px] text-red-600 dark:text-red-400">
                  {error[0]}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div className="space-y-1.5 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <label htmlFor={cashId} className="flex items-baseline justify-between text-sm font-medium">
          Cash counted
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">Optional</span>
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
          {cashErrors.length > 0 ? <span className="text-[13px] text-red-600 dark:text-red-400">{cashErrors[0]}</span> : "What you took out of the cash box."}
        </p>
      </div>
      <div className="space-y-1.5">
        <span id={`${auditId}-label`} className="flex items-baseline justify-between text-sm font-medium">
          Audit file
          <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">Optional</span>
        </span>
        {audit ? (
          <div className="flex items-center gap-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-800/60">
            <FileText aria-hidden className="size-4 shrink-0 text-zinc-500" />
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{audit.name}</span>
              <span className="block text-xs text-zinc-500">{formatFileSize(audit.size)}</span>
            </span>
            <Button type="button" size="lg" variant="ghost" className="w-11 px-0" aria-label={`Remove ${audit.name}`} onClick={() => setAudit(null)}>
              <X aria-hidden />
            </Button>
          </div>
        ) : (
          <label
            htmlFor={auditId}
            className="flex h-11 cursor-pointer items-center justify-center gap-2 rounded-md border border-dashed border-zinc-300 text-sm font-medium text-zinc-700 has-focus-visible:border-brand-500 has-focus-visible:ring-3 has-focus-visible:ring-brand-500/20 dark:border-zinc-700 dark:text-zinc-300"
          >
            <FileText aria-hidden className="size-4" />
            Choose the audit file
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
          {auditErrors.length > 0 ? <span className="text-[13px] text-red-600 dark:text-red-400">{auditErrors[0]}</span> : "The DEX file read from the machine (.dex, .txt, .eva)."}
        </p>
      </div>
      <div className="flex gap-2">
        <Button type="button" size="lg" className="flex-1" onClick={() => setOpen(false)} disabled={record.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" size="lg" className="flex-1" disabled={record.isPending}>
          {record.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          Save visit
        </Button>
      </div>
    </form>
  );
}
