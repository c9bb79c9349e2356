"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ClipboardCheck, LoaderCircle, Minus, Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";

type Stop = RouterOutputs["routes"]["day"]["stops"][number];

const newVisitKey = () => crypto.randomUUID();

/** Counts per slot after filling, prefilled with the planned level; one visit per opening. */
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
  const record = useMutation(
    trpc.visits.record.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.routes.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        setOpen(false);
      },
    }),
  );
  const errors = fieldErrorsOf(record.error);

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
    record.mutate({
      orgId: org.id,
      machineId: stop.machineId,
      routeId,
      visitKey,
      counts: stop.slots.map((s) => ({ slot: s.code, quantity: Number(counts[s.code] ?? 0) })),
    });
  }

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
