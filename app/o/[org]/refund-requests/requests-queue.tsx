"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useTranslations } from "next-intl";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { DecidedRequests } from "./decided-requests";
import { PendingRequest } from "./pending-request";

/** The queue: requests waiting for a decision first, oldest at the top; then the decided ones. */
export function RequestsQueue() {
  const org = useOrg();
  const t = useTranslations("refundRequests.queue");
  const trpc = useTRPC();
  const { data: requests } = useSuspenseQuery(trpc.refundRequests.list.queryOptions({ orgId: org.id }));
  // The oldest waiting request is the one to answer first.
  const pending = requests.filter((r) => r.status === "pending").reverse();
  const decided = requests.filter((r) => r.status !== "pending");

  if (requests.length === 0) {
    return (
      <EmptyState icon={<Inbox />} title={t("emptyTitle")}>
        {t("emptyBody")}
      </EmptyState>
    );
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="mb-3 text-sm font-semibold">
          {t("waiting")} <span className="tabular font-normal text-zinc-500 dark:text-zinc-400">· {pending.length}</span>
        </h2>
        {pending.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-[13px] text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
            {t("allCaughtUp")}
          </p>
        ) : (
          <ul className="space-y-3">
            {pending.map((r) => (
              <PendingRequest key={r.id} request={r} />
            ))}
          </ul>
        )}
      </section>
      {decided.length > 0 && <DecidedRequests requests={decided} />}
    </div>
  );
}
