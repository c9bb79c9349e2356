"use client";

import { ChevronLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { useOrg } from "~/app/_components/org/org-context";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { hasRole } from "~/server/tenancy/contract";
import { useFleetStatusLabel } from "../fleet-status";
import { EditMachineDialog } from "./edit-machine-dialog";
import { useMachine } from "./use-machine";

/** The machine's name and state, what identifies it, and "Edit details" for managers. */
export function MachineHeader({ machineId }: { machineId: string }) {
  const org = useOrg();
  const { machine, location } = useMachine(machineId);
  const t = useTranslations("machines.header");
  const statusLabel = useFleetStatusLabel();
  const facts = [
    { label: t("serial"), value: <span className="font-mono">{machine.serial}</span> },
    machine.model ? { label: t("model"), value: machine.model } : null,
    {
      label: t("location"),
      value: location ? (
        <Link href={`/o/${org.slug}/machines?location=${location.id}`} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
          {location.name}
        </Link>
      ) : (
        t("none")
      ),
    },
  ].filter((f) => f !== null);
  return (
    <header className="mb-6">
      <Link
        href={`/o/${org.slug}/machines`}
        className="-ml-1 inline-flex items-center gap-0.5 rounded px-1 text-[13px] text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        <ChevronLeft aria-hidden className="size-4" />
        {t("back")}
      </Link>
      <div className="mt-1 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2.5">
            <h1 className="truncate text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{machine.name}</h1>
            {machine.lastSeenAt === null && machine.lastAuditAt !== null ? (
              <span
                title={t("auditsOnlyTitle")}
                className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {t("auditsOnly")}
              </span>
            ) : (
              <StatusBadge status={machine.status} label={statusLabel(machine.status)} />
            )}
          </div>
          <dl className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-[13px] text-zinc-500 dark:text-zinc-400">
            {facts.map((f) => (
              <div key={f.label} className="flex gap-1.5">
                <dt>{f.label}</dt>
                <dd className="text-zinc-800 dark:text-zinc-200">{f.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        {hasRole(org.role, "manager") && (
          <EditMachineDialog
            machineId={machineId}
            trigger={
              <Button>
                <Pencil aria-hidden />
                {t("edit")}
              </Button>
            }
          />
        )}
      </div>
      {machine.status === "disabled" && (
        <p role="status" className="mt-4 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 text-[13px] text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
          {t("disabled")}
        </p>
      )}
    </header>
  );
}
