"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card } from "~/app/_components/ui/card";
import { formatCount } from "~/app/_components/labels/numbers";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { useTRPC } from "~/app/_trpc/client";
import { MembershipForm } from "./membership-form";

/** The program's figures, then its settings: a form for admins, a summary for everyone else. */
export function MembershipSettings({ editable }: { editable: boolean }) {
  const org = useOrg();
  const trpc = useTRPC();
  const { data: program } = useSuspenseQuery(trpc.loyalty.get.queryOptions({ orgId: org.id }));
  return (
    <div className="max-w-3xl space-y-6">
      <dl
        aria-label="Members"
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 dark:border-zinc-800 dark:bg-zinc-800"
      >
        <Stat label="Members">
          <span className="tabular">{formatCount(program.memberCount)}</span>
        </Stat>
        <Stat label="Points outstanding">
          <span className="tabular">{formatCount(program.pointsOutstanding)}</span>
        </Stat>
      </dl>
      {editable ? (
        <Card title="Points program" description="Changes apply to purchases from now on; points already earned stay.">
          <MembershipForm program={program} />
        </Card>
      ) : (
        <Card title="Points program" bodyClassName="p-0">
          <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            <div className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">State</dt>
              <dd className="sm:col-span-2">
                <StatusBadge status={program.enabled ? "active" : "disabled"} label={program.enabled ? "On" : "Off"} />
              </dd>
            </div>
            <div className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">Points</dt>
              <dd className="tabular sm:col-span-2">
                {program.pointsPerUnit} per 1 {org.currency} spent
              </dd>
            </div>
            <div className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">Tiers</dt>
              <dd className="sm:col-span-2">
                {program.tiers.length === 0 ? (
                  "No tiers"
                ) : (
                  <ul className="space-y-1">
                    {program.tiers.map((t) => (
                      <li key={t.name}>
                        <span className="font-medium">{t.name}</span>{" "}
                        <span className="tabular text-zinc-500 dark:text-zinc-400">from {formatCount(t.minPoints)} points</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      )}
    </div>
  );
}
