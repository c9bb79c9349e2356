"use client";

import { useQuery } from "@tanstack/react-query";
import { Copy, Grid3x3 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { DialogFooter } from "~/app/_components/ui/dialog-actions";
import { Field, TextField } from "~/app/_components/ui/field";
import { Modal } from "~/app/_components/ui/modal";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { toDrafts, type SlotDraft } from "./slot-drafts";
import { gridCodes, gridDrafts, gridProblems, type GridProblems, type GridSpec } from "./slot-grid";

/** The grid's four numbers, as the dialog asks for them (labels and hints under `machines.tools`). */
const gridFields = [
  { name: "rows", label: "rows" },
  { name: "columns", label: "columns" },
  { name: "capacity", label: "capacity", hint: "capacityHint" },
  { name: "parLevel", label: "parLevel", hint: "parLevelHint" },
] as const satisfies readonly { name: keyof GridSpec; label: string; hint?: string }[];

/** Fills the editor with a grid of slots (rows × columns, A1 to F8), each with a default capacity and par level. */
export function GridGenerator({ drafts, onDrafts }: { drafts: SlotDraft[]; onDrafts: (drafts: SlotDraft[]) => void }) {
  const t = useTranslations("machines.tools");
  const problemTexts = useTranslations("machines.editor.problems");
  const [open, setOpen] = useState(false);
  const [spec, setSpec] = useState<GridSpec>({ rows: "6", columns: "8", capacity: "10", parLevel: "3" });
  const [problems, setProblems] = useState<GridProblems>({});
  const set = (change: Partial<GridSpec>) => {
    setSpec((s) => ({ ...s, ...change }));
    setProblems({});
  };
  const valid = Object.keys(gridProblems(spec, problemTexts)).length === 0;
  const codes = valid ? gridCodes(Number(spec.rows), Number(spec.columns)) : [];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    // The dialog is portalled out of the editor's form, but React still bubbles its submit there.
    event.stopPropagation();
    const found = gridProblems(spec, problemTexts);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onDrafts(gridDrafts(drafts, spec));
    setOpen(false);
  }

  return (
    <Modal
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setProblems({});
      }}
      trigger={
        <Button size="sm">
          <Grid3x3 aria-hidden />
          {t("generate")}
        </Button>
      }
      title={t("gridTitle")}
      description={t("gridDescription")}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <div className="grid grid-cols-2 gap-4">
          {gridFields.map((f) => (
            <TextField
              key={f.name}
              label={t(f.label)}
              name={f.name}
              inputMode="numeric"
              value={spec[f.name]}
              onChange={(e) => set({ [f.name]: e.target.value })}
              errors={problems[f.name] ? [problems[f.name]!] : undefined}
              hint={"hint" in f ? t(f.hint) : undefined}
              className="tabular"
            />
          ))}
        </div>
        <p role="status" className="text-[13px] text-zinc-600 dark:text-zinc-400">
          {codes.length > 0 ? t("gridCodes", { count: codes.length, first: codes[0]!, last: codes.at(-1)! }) : ""}
          {t("replaceNote", { count: drafts.length })}
        </p>
        <DialogFooter>
          <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
          <Button type="submit" variant="primary">
            {t("putInEditor")}
          </Button>
        </DialogFooter>
      </form>
    </Modal>
  );
}

/** Fills the editor with another machine's planogram (products, capacities, par levels, prices). */
export function CopyFromMachine({ machineId, drafts, onDrafts }: { machineId: string; drafts: SlotDraft[]; onDrafts: (drafts: SlotDraft[]) => void }) {
  const org = useOrg();
  const trpc = useTRPC();
  const t = useTranslations("machines.tools");
  const [open, setOpen] = useState(false);
  const [sourceId, setSourceId] = useState("");
  const machines = useQuery({ ...trpc.machines.list.queryOptions({ orgId: org.id }), enabled: open });
  const source = useQuery({ ...trpc.planogram.get.queryOptions({ orgId: org.id, machineId: sourceId }), enabled: open && sourceId !== "" });
  const others = (machines.data ?? []).filter((m) => m.id !== machineId);
  const slots = source.data;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    // The dialog is portalled out of the editor's form, but React still bubbles its submit there.
    event.stopPropagation();
    if (!slots || slots.length === 0) return;
    onDrafts(toDrafts(slots, org.currency));
    setOpen(false);
  }

  return (
    <Modal
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setSourceId("");
      }}
      trigger={
        <Button size="sm">
          <Copy aria-hidden />
          {t("copy")}
        </Button>
      }
      title={t("copyTitle")}
      description={t("copyDescription")}
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field
          label={t("machine")}
          errors={source.error ? [errorMessageOf(source.error) ?? ""] : machines.error ? [errorMessageOf(machines.error) ?? ""] : undefined}
          hint={machines.isPending ? t("loadingMachines") : others.length === 0 ? t("noOther") : undefined}
        >
          {(control) => (
            <NativeSelect {...control} value={sourceId} onChange={(e) => setSourceId(e.target.value)} disabled={others.length === 0} className="w-full">
              <option value="">{t("choose")}</option>
              {others.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} · {m.serial}
                </option>
              ))}
            </NativeSelect>
          )}
        </Field>
        <p role="status" className="text-[13px] text-zinc-600 dark:text-zinc-400">
          {sourceId === ""
            ? t("replaceNote", { count: drafts.length })
            : source.isPending
              ? t("loadingPlanogram")
              : slots && slots.length === 0
                ? t("sourceEmpty")
                : slots
                  ? t("toCopy", { count: slots.length, note: t("replaceNote", { count: drafts.length }) })
                  : ""}
        </p>
        <DialogFooter>
          <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
          <Button type="submit" variant="primary" disabled={!slots || slots.length === 0}>
            {t("copyInto")}
          </Button>
        </DialogFooter>
      </form>
    </Modal>
  );
}
