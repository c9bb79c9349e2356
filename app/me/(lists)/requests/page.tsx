import { MessageSquareWarning } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { refundStatusWords, requestStatusWords } from "~/app/_components/consumer/purchase-status";
import { RequestDecision } from "~/app/_components/consumer/request-decision";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { serverCaller } from "~/app/_trpc/server";
import { formatMoney } from "~/server/money";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage() {
  const requests = await (await serverCaller()).consumer.requests();
  return (
    <>
      <PageHeader title="Requests" description="Problems you reported on purchases, and what the operator decided." />
      {requests.length === 0 ? (
        <EmptyState icon={<MessageSquareWarning />} title="No requests" className="bg-white dark:bg-zinc-900/40">
          Something went wrong with a purchase? Open it in{" "}
          <Link href="/me" className="font-medium text-brand-600 hover:underline dark:text-brand-500">
            your purchases
          </Link>{" "}
          and choose &ldquo;Report a problem&rdquo;.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {requests.map((r) => (
            <li key={r.id} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0">
                  <Link href={`/me/purchases/${r.saleId}`} className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-500">
                    {r.purchase ? `${r.purchase.product}, ${formatMoney(r.purchase.amountMinor, r.purchase.currency)}` : "View the purchase"}
                  </Link>
                  {r.purchase && (
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {r.purchase.operator} · {r.purchase.machineName}
                      {r.purchase.location ? `, ${r.purchase.location}` : ""} · <LocalTime date={r.purchase.occurredAt} />
                    </p>
                  )}
                </div>
                <div className="flex items-center gap-2">
                  <ConsumerBadge table={requestStatusWords} status={r.status} />
                  {r.refundStatus && <ConsumerBadge table={refundStatusWords} status={r.refundStatus} />}
                </div>
              </div>
              <p className="mt-2 text-sm whitespace-pre-line text-zinc-800 dark:text-zinc-200">“{r.reason}”</p>
              <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                Sent <LocalTime date={r.createdAt} />
              </p>
              {r.status !== "pending" && (
                <div className="mt-3">
                  <RequestDecision status={r.status} decisionReason={r.decisionReason} decidedAt={r.decidedAt} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
