"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { FileSignature, Handshake, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import type { HostContractView } from "~/server/hosts/contract";
import { hasRole } from "~/server/tenancy/contract";
import { contractInWords, useContractWords } from "../../hosts/contract-words";
import { currentMonth, formatMonth } from "../../hosts/months";
import { ContractDialog } from "./contract-dialog";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const muted = "text-zinc-500 dark:text-zinc-400";

/** The months a contract covers, "October 2026 – March 2027" or "From October 2026", in the reader's language. */
function usePeriod(): (c: HostContractView) => string {
  const t = useTranslations("locations.contracts");
  const locale = useLocale();
  return (c) =>
    c.effectiveUntil
      ? t("period", { from: formatMonth(c.effectiveFrom, locale), until: formatMonth(c.effectiveUntil, locale) })
      : t("from", { from: formatMonth(c.effectiveFrom, locale) });
}

/** The contract in force at the location, every contract before and after it, and setting a new one. */
export function HostContractSection({ locationId, locationName }: { locationId: string; locationName: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: contracts } = useSuspenseQuery(trpc.hosts.contracts.list.queryOptions({ orgId: org.id, locationId }));
  const manager = hasRole(org.role, "manager");
  const t = useTranslations("locations.contracts");
  const locale = useLocale();
  const words = useContractWords();
  const period = usePeriod();
  const inForce = contracts.find((c) => c.inForce) ?? null;
  const latest = [...contracts].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0] ?? null;
  const thisMonth = currentMonth(org.timeZone);
  const setContract = manager && (
    <ContractDialog
      locationId={locationId}
      locationName={locationName}
      from={latest}
      trigger={
        <Button variant={contracts.length === 0 ? "primary" : "secondary"} size="sm">
          <FileSignature aria-hidden />
          {contracts.length === 0 ? t("set") : t("setNew")}
        </Button>
      }
    />
  );

  return (
    <Card
      id="host-contract"
      title={t("title")}
      description={t("description")}
      actions={contracts.length > 0 ? setContract : undefined}
      bodyClassName="p-0"
    >
      {contracts.length === 0 ? (
        <EmptyState icon={<Handshake />} title={t("noneTitle")} action={setContract} className="m-4 border-0 py-6">
          {t("none", { location: locationName })}
        </EmptyState>
      ) : (
        <>
          <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800" data-testid="contract-in-force">
            {inForce ? (
              <>
                <p className="flex flex-wrap items-center gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
                  <StatusBadge status="active" label={t("inForce")} /> {period(inForce)}
                </p>
                <p className="mt-1.5 text-sm font-medium text-zinc-900 dark:text-zinc-100">{contractInWords(inForce, words)}</p>
                <p className={clsx("mt-1 text-[13px]", muted)}>
                  {inForce.contactEmails.length > 0 ? t("statementsTo", { emails: inForce.contactEmails.join(", ") }) : t("statementsToNobody")}
                </p>
              </>
            ) : (
              <p className={clsx("text-[13px]", muted)}>
                {t("notInForce", { month: formatMonth(thisMonth, locale), first: formatMonth(contracts[contracts.length - 1]!.effectiveFrom, locale) })}
              </p>
            )}
          </div>
          <div className="overflow-x-auto">
            <table className={tableClasses}>
              <caption className="sr-only">{t("caption", { location: locationName })}</caption>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className={th}>
                    {t("months")}
                  </th>
                  <th scope="col" className={th}>
                    {t("rule")}
                  </th>
                  <th scope="col" className={th}>
                    {t("contacts")}
                  </th>
                  <th scope="col" className={clsx(th, "text-right")}>
                    {t("statements")}
                  </th>
                  {manager && (
                    <th scope="col" className={th}>
                      <span className="sr-only">{t("actions")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {[...contracts]
                  .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))
                  .map((c) => (
                    <tr key={c.id} className={rowClasses}>
                      <td className={clsx(cellClasses, "whitespace-nowrap")}>
                        {period(c)}
                        {c.inForce && <StatusBadge status="active" label={t("inForce")} className="ml-2" />}
                        {c.effectiveFrom > thisMonth && <StatusBadge status="info" label={t("upcoming")} className="ml-2" />}
                      </td>
                      <td className={clsx(cellClasses, "min-w-64 text-zinc-700 dark:text-zinc-300")}>
                        {contractInWords(c, words)}
                        {c.notes && <span className={clsx("mt-0.5 block text-xs", muted)}>{c.notes}</span>}
                      </td>
                      <td className={clsx(cellClasses, "text-zinc-600 dark:text-zinc-400")}>{c.contactEmails.join(", ") || <span className={muted}>—</span>}</td>
                      <td className={clsx(cellClasses, "tabular text-right")}>{c.statements}</td>
                      {manager && <td className={clsx(cellClasses, "text-right")}>{c.statements === 0 && <RemoveContractButton contract={c} />}</td>}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

/** Removes a contract no statement was made with, after asking. */
function RemoveContractButton({ contract }: { contract: HostContractView }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.hosts.contracts.remove.mutationOptions());
  const t = useTranslations("locations.contracts");
  const locale = useLocale();
  const words = useContractWords();
  const month = formatMonth(contract.effectiveFrom, locale);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={t("removeFrom", { month })}>
          <Trash2 aria-hidden />
          <span className="hidden sm:inline">{t("remove")}</span>
        </Button>
      }
      title={t("removeTitle")}
      description={t("removeDescription", { month, rule: contractInWords(contract, words) })}
      confirmLabel={t("removeConfirm")}
      onConfirm={async () => {
        await remove.mutateAsync({ orgId: org.id, contractId: contract.id });
        await queryClient.invalidateQueries({ queryKey: trpc.hosts.contracts.pathKey() });
      }}
    />
  );
}
