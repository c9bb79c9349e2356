"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { FileSignature, Handshake, Trash2 } from "lucide-react";
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
import { contractInWords } from "../../hosts/contract-words";
import { currentMonth, formatMonth } from "../../hosts/months";
import { ContractDialog } from "./contract-dialog";

const th = "px-3 py-2 font-medium whitespace-nowrap";
const muted = "text-zinc-500 dark:text-zinc-400";

function period(c: HostContractView) {
  return c.effectiveUntil ? `${formatMonth(c.effectiveFrom)} – ${formatMonth(c.effectiveUntil)}` : `From ${formatMonth(c.effectiveFrom)}`;
}

/** The contract in force at the location, every contract before and after it, and setting a new one. */
export function HostContractSection({ locationId, locationName }: { locationId: string; locationName: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: contracts } = useSuspenseQuery(trpc.hosts.contracts.list.queryOptions({ orgId: org.id, locationId }));
  const manager = hasRole(org.role, "manager");
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
          {contracts.length === 0 ? "Set a contract" : "Set a new contract"}
        </Button>
      }
    />
  );

  return (
    <Card
      id="host-contract"
      title="Host contract"
      description="What the host of this place is paid each month. A new contract applies from the month it starts; earlier statements keep their rules."
      actions={contracts.length > 0 ? setContract : undefined}
      bodyClassName="p-0"
    >
      {contracts.length === 0 ? (
        <EmptyState icon={<Handshake />} title="No host contract" action={setContract} className="m-4 border-0 py-6">
          Set a contract to have a statement written for {locationName} after each month closes: a percentage of sales, tiers, an amount per unit, a rent or a minimum.
        </EmptyState>
      ) : (
        <>
          <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800" data-testid="contract-in-force">
            {inForce ? (
              <>
                <p className="flex flex-wrap items-center gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
                  <StatusBadge status="active" label="In force" /> {period(inForce)}
                </p>
                <p className="mt-1.5 text-sm font-medium text-zinc-900 dark:text-zinc-100">{contractInWords(inForce)}</p>
                <p className={clsx("mt-1 text-[13px]", muted)}>
                  Statements go to {inForce.contactEmails.length > 0 ? inForce.contactEmails.join(", ") : "no contact yet (add one to send statements)"}.
                </p>
              </>
            ) : (
              <p className={clsx("text-[13px]", muted)}>
                No contract is in force in {formatMonth(thisMonth)}; the first one starts in {formatMonth(contracts[contracts.length - 1]!.effectiveFrom)}.
              </p>
            )}
          </div>
          <div className="overflow-x-auto">
            <table className={tableClasses}>
              <caption className="sr-only">Host contracts of {locationName}, newest first</caption>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className={th}>
                    Months
                  </th>
                  <th scope="col" className={th}>
                    Rule
                  </th>
                  <th scope="col" className={th}>
                    Contacts
                  </th>
                  <th scope="col" className={clsx(th, "text-right")}>
                    Statements
                  </th>
                  {manager && (
                    <th scope="col" className={th}>
                      <span className="sr-only">Actions</span>
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
                        {c.inForce && <StatusBadge status="active" label="In force" className="ml-2" />}
                        {c.effectiveFrom > thisMonth && <StatusBadge status="info" label="Upcoming" className="ml-2" />}
                      </td>
                      <td className={clsx(cellClasses, "min-w-64 text-zinc-700 dark:text-zinc-300")}>
                        {contractInWords(c)}
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
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Remove the contract from ${formatMonth(contract.effectiveFrom)}`}>
          <Trash2 aria-hidden />
          <span className="hidden sm:inline">Remove</span>
        </Button>
      }
      title="Remove this contract?"
      description={`The contract from ${formatMonth(contract.effectiveFrom)} (${contractInWords(contract)}) has not been used for a statement yet. Once removed, the contract before it applies to its months.`}
      confirmLabel="Remove contract"
      onConfirm={async () => {
        await remove.mutateAsync({ orgId: org.id, contractId: contract.id });
        await queryClient.invalidateQueries({ queryKey: trpc.hosts.contracts.pathKey() });
      }}
    />
  );
}
