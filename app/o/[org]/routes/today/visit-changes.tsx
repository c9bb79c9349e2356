"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, PencilLine, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import type { RouterOutputs } from "~/app/_trpc/types";
import { hasRole } from "~/server/tenancy/contract";
import { SlotCounts } from "./slot-counts";

type Stop = RouterOutputs["routes"]["day"]["stops"][number];
type Visited = NonNullable<Stop["visited"]>;

/** Why the visit cannot be undone (it can still be corrected), or null when it can. */
function undoBlocked(visit: Visited): "cashAndAudit" | "cash" | "audit" | "tooOld" | null {
  if (visit.cashCounted && visit.auditAttached) return "cashAndAudit";
  if (visit.cashCounted) return "cash";
  if (visit.auditAttached) return "audit";
  if (!visit.canRestore) return "tooOld";
  return null;
}

/**
 * Undo or correct a stop's visit: for the technician who recorded it and for managers. Undoing
 * counts the slots back to what the visit replaced (less what sold since) and keeps the visit,
 * marked undone; correcting recounts them as entered.
 */
export function VisitChanges({ stop, visit }: { stop: Stop; visit: Visited }) {
  const t = useTranslations("routes.changes");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [correcting, setCorrecting] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.routes.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.visits.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
  };
  const undo = useMutation(trpc.visits.undo.mutationOptions({ onSuccess: refresh }));
  if (!(visit.technicianId === org.userId || hasRole(org.role, "manager"))) return null;
  const blocked = undoBlocked(visit);

  if (correcting) return <CorrectionForm stop={stop} visit={visit} onDone={() => setCorrecting(false)} refresh={refresh} />;
  return (
    <div className="mt-3 space-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
      {/* Side by side where they fit, one above the other on a narrow phone. */}
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="lg" className="flex-1 basis-40" onClick={() => setCorrecting(true)}>
          <PencilLine aria-hidden />
          {t("correct")}
        </Button>
        <ConfirmDialog
          trigger={
            <Button type="button" size="lg" className="flex-1 basis-40" disabled={blocked !== null} aria-describedby={blocked ? `undo-blocked-${visit.id}` : undefined}>
              <Undo2 aria-hidden />
              {t("undo")}
            </Button>
          }
          title={t("undoTitle", { name: stop.name })}
          description={t("undoDescription")}
          confirmLabel={t("undo")}
          onConfirm={() => undo.mutateAsync({ orgId: org.id, visitId: visit.id })}
        />
      </div>
      {blocked && (
        <p id={`undo-blocked-${visit.id}`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {t(`blocked.${blocked}`)}
        </p>
      )}
    </div>
  );
}

function CorrectionForm({ stop, visit, onDone, refresh }: { stop: Stop; visit: Visited; onDone: () => void; refresh: () => Promise<void> }) {
  const t = useTranslations("routes.changes");
  const ui = useTranslations("common.ui");
  const org = useOrg();
  const trpc = useTRPC();
  const [counts, setCounts] = useState(() => Object.fromEntries(visit.counts.map((c) => [c.slot, String(c.quantity)])));
  const correct = useMutation(
    trpc.visits.correct.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDone();
      },
    }),
  );
  const slots = visit.counts.map((c) => {
    const slot = stop.slots.find((s) => s.code === c.slot);
    return { code: c.slot, productName: slot?.productName ?? null, capacity: slot?.capacity ?? 9999, was: c.quantity, wasLabel: t("counted") };
  });
  return (
    <form
      noValidate
      aria-label={t("correctLabel", { name: stop.name })}
      className="mt-3 space-y-3 border-t border-zinc-200 pt-3 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        correct.mutate({ orgId: org.id, visitId: visit.id, counts: visit.counts.map((c) => ({ slot: c.slot, quantity: Number(counts[c.slot] ?? 0) })) });
      }}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("correctHint")}</p>
      <FormAlert message={correct.error ? errorMessageOf(correct.error) : null} />
      <SlotCounts idPrefix={`fix-${stop.machineId}`} slots={slots} counts={counts} onChange={setCounts} errors={fieldErrorsOf(correct.error)} />
      <div className="flex gap-2">
        <Button type="button" size="lg" className="flex-1" onClick={onDone} disabled={correct.isPending}>
          {ui("cancel")}
        </Button>
        <Button type="submit" variant="primary" size="lg" className="flex-1" disabled={correct.isPending}>
          {correct.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
