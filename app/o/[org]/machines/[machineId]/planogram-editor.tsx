"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LoaderCircle, Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useFormat } from "~/app/_components/i18n/format";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf, fieldErrorsOf } from "~/app/_trpc/errors";
import { toMajorText } from "~/server/money";
import { PlanogramEditorRow, type ProductChoice } from "./planogram-editor-row";
import { CopyFromMachine, GridGenerator } from "./planogram-tools";
import { nextDraft, slotProblems, toDrafts, toSlotsInput, unsendable, type SlotDraft, type SlotProblems } from "./slot-drafts";
import { usePlanogram, useRefreshMachine } from "./use-machine";

const th = "px-3 py-2 font-medium whitespace-nowrap";

/**
 * Edits the planogram as a table: add, change and remove slots, then save the whole list. The
 * server checks it; when it refuses, the slots at fault are marked with its reason.
 */
export function PlanogramEditor({ machineId, onDone }: { machineId: string; onDone: () => void }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const slots = usePlanogram(machineId);
  const refresh = useRefreshMachine(machineId);
  const t = useTranslations("machines.editor");
  const problemTexts = useTranslations("machines.editor.problems");
  const locale = useLocale();
  const f = useFormat();
  const products = useQuery(trpc.products.list.queryOptions({ orgId: org.id }));
  const [drafts, setDrafts] = useState<SlotDraft[]>(() => toDrafts(slots, org.currency));
  const [problems, setProblems] = useState<Map<string, SlotProblems>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const save = useMutation(trpc.planogram.set.mutationOptions());

  const choices = useMemo<ProductChoice[]>(() => {
    const inUse = new Set(drafts.map((d) => d.productId));
    return (products.data ?? [])
      .filter((p) => p.active || inUse.has(p.id))
      .map((p) => ({
        id: p.id,
        label: t(p.active ? "productOption" : "productOptionInactive", { name: p.name, price: f.money(p.priceMinor, org.currency) }),
        price: toMajorText(p.priceMinor, org.currency),
      }));
  }, [products.data, drafts, org.currency, t, f]);

  function change(key: string, patch: Partial<SlotDraft>) {
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...patch } : d)));
    if (problems.has(key)) {
      const next = new Map(problems);
      const fields = { ...next.get(key) };
      for (const field of Object.keys(patch) as (keyof SlotProblems)[]) delete fields[field];
      next.set(key, fields);
      setProblems(next);
    }
  }

  /** Drafts from the grid generator or another machine: the whole list changes, and old marks go. */
  function replaceDrafts(next: SlotDraft[]) {
    setDrafts(next);
    setProblems(new Map());
    setFormError(null);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    const all = slotProblems(drafts, org.currency, problemTexts, locale);
    const blocking = unsendable(all, problemTexts);
    if (blocking.size > 0) {
      setProblems(blocking);
      setFormError(t("checkSlots"));
      return;
    }
    setProblems(new Map());
    save.mutate(
      { orgId: org.id, machineId, slots: toSlotsInput(drafts, org.currency) },
      {
        onSuccess: async (saved) => {
          queryClient.setQueryData(trpc.planogram.get.queryKey({ orgId: org.id, machineId }), saved);
          await refresh();
          onDone();
        },
        onError: (error) => {
          // Point at the slots the server's reasons are about.
          const reasons = new Set([...(fieldErrorsOf(error).slots ?? []), errorMessageOf(error)]);
          const located = new Map<string, SlotProblems>();
          for (const [key, p] of all) {
            const fields = Object.fromEntries(Object.entries(p).filter(([, message]) => reasons.has(message)));
            if (Object.keys(fields).length > 0) located.set(key, fields);
          }
          setProblems(located);
          setFormError(t(located.size > 0 ? "notSavedSlots" : "notSaved", { reason: errorMessageOf(error) ?? "" }));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("label")}>
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-2.5 dark:border-zinc-800">
        <span className="mr-auto text-xs text-zinc-500 dark:text-zinc-400">{t("start")}</span>
        <GridGenerator drafts={drafts} onDrafts={replaceDrafts} />
        <CopyFromMachine machineId={machineId} drafts={drafts} onDrafts={replaceDrafts} />
      </div>
      <FormAlert message={formError} className="[&:not(:empty)]:m-4" />
      <div className="relative overflow-x-auto">
        <table className={tableClasses}>
          <thead className={theadClasses}>
            <tr>
              <th scope="col" className={th}>
                {t("slot")}
              </th>
              <th scope="col" className={th}>
                {t("product")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("capacity")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("parLevel")}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t("price", { currency: org.currency })}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t("remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((draft, index) => (
              <PlanogramEditorRow
                key={draft.key}
                draft={draft}
                index={index}
                problems={problems.get(draft.key)}
                products={choices}
                productsLoading={products.isPending}
                onChange={(patch) => change(draft.key, patch)}
                onRemove={() => setDrafts((list) => list.filter((d) => d.key !== draft.key))}
              />
            ))}
          </tbody>
        </table>
        {drafts.length === 0 && <p className="px-4 py-6 text-center text-[13px] text-zinc-500 dark:text-zinc-400">{t("empty")}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 p-3 dark:border-zinc-800">
        <Button size="sm" onClick={() => setDrafts((list) => [...list, nextDraft(list)])}>
          <Plus aria-hidden />
          {t("addSlot")}
        </Button>
        <p className="mr-auto text-xs text-zinc-500 dark:text-zinc-400">{t("priceHint")}</p>
        <Button size="sm" variant="ghost" onClick={onDone} disabled={save.isPending}>
          {t("cancel")}
        </Button>
        <Button size="sm" type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending && <LoaderCircle aria-hidden className="animate-spin" />}
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
