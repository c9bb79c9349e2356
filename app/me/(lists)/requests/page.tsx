import { MessageSquareWarning } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { RequestDecision } from "~/app/_components/consumer/request-decision";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { serverCaller } from "~/app/_trpc/server";
import { getFormat } from "~/app/_components/i18n/get-format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumer.me.requests"))("title") };
}

export default async function RequestsPage() {
  const requests = await (await serverCaller()).consumer.requests();
  const t = await getTranslations("consumer.me.requests");
  const f = await getFormat();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {requests.length === 0 ? (
        <EmptyState icon={<MessageSquareWarning />} title={t("emptyTitle")} className="bg-white dark:bg-zinc-900/40">
          {t.rich("emptyBody", {
            link: (chunks) => (
              <Link href="/me" className="font-medium text-brand-600 hover:underline dark:text-brand-500">
                {chunks}
              </Link>
            ),
          })}
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {requests.map((r) => (
            <li key={r.id} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0">
                  <Link href={`/me/purchases/${r.saleId}`} className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-500">
                    {r.purchase ? `${r.purchase.product}, ${f.money(r.purchase.amountMinor, r.purchase.currency)}` : t("viewPurchase")}
                  </Link>
                  {r.purchase && (
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {r.purchase.operator} · {r.purchase.machineName}
                      {r.purchase.location ? `, ${r.purchase.location}` : ""} · <LocalTime date={r.purchase.occurredAt} />
                    </p>
                  )}
                </div>
                <div className="flex items-center gap-2">
                  <ConsumerBadge kind="request" status={r.status} />
                  {r.refundStatus && <ConsumerBadge kind="refund" status={r.refundStatus} />}
                </div>
              </div>
              <p className="mt-2 text-sm whitespace-pre-line text-zinc-800 dark:text-zinc-200">“{r.reason}”</p>
              <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                {t.rich("sent", { time: () => <LocalTime date={r.createdAt} /> })}
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
