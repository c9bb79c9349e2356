import { TRPCError } from "@trpc/server";
import { ArrowLeft, FileDown } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { purchaseStatusWords, refundStatusWords } from "~/app/_components/consumer/purchase-status";
import { ReceiptList } from "~/app/_components/consumer/receipt-list";
import { ReceiptSeller, ReceiptVat } from "~/app/_components/consumer/receipt-vat";
import { SupportContact } from "~/app/_components/consumer/support-contact";
import { formatCount } from "~/app/_components/labels/numbers";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { serverCaller } from "~/app/_trpc/server";
import { formatMoney } from "~/server/money";
import { EmailReceiptButton } from "./email-receipt-button";
import { PrintButton } from "./print-button";
import { ProblemReport } from "./problem-report";

type Params = Promise<{ purchaseId: string }>;

const loadReceipt = cache(async (purchaseId: string) => {
  const caller = await serverCaller();
  try {
    return await caller.consumer.receipt({ purchaseId });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const receipt = await loadReceipt((await params).purchaseId);
  return { title: `Receipt: ${receipt.product}` };
}

/** How the refund stands, in a sentence. */
function refundSentence(refund: { status: string; amountMinor: number }, currency: string): string {
  const amount = formatMoney(refund.amountMinor, currency);
  if (refund.status === "succeeded") return `${amount} was refunded to the way you paid.`;
  if (refund.status === "failed") return `The refund of ${amount} is delayed; it is tried again automatically.`;
  return `Your payment of ${amount} is being refunded.`;
}

export default async function ReceiptPage({ params }: { params: Params }) {
  const { purchaseId } = await params;
  const receipt = await loadReceipt(purchaseId);
  const requests = receipt.request ? await (await serverCaller()).consumer.requests() : [];
  const request = requests.find((r) => r.id === receipt.request?.id) ?? null;
  const canReport = receipt.kind === "sale" && !receipt.refund && !receipt.request;

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <Link href="/me" className={buttonClasses("ghost", "sm", "-ml-2.5 print:hidden")}>
        <ArrowLeft aria-hidden />
        My purchases
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-[13px] font-medium text-zinc-500 dark:text-zinc-400">Receipt · {receipt.operator}</p>
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-950 dark:text-white">{receipt.product}</h1>
          <ConsumerBadge table={purchaseStatusWords} status={receipt.status} className="mt-2" />
        </div>
        <PrintButton />
      </header>

      <Card bodyClassName="px-4 py-1">
        <div className="border-b border-dashed border-zinc-200 py-3 dark:border-zinc-800">
          <ReceiptSeller seller={receipt.document.seller} />
        </div>
        <ReceiptList
          lines={[
            { label: "Operator", value: receipt.operator },
            { label: "Machine", value: receipt.machineName },
            { label: "Place", value: receipt.location ?? "—" },
            { label: "Product", value: `${receipt.product} (slot ${receipt.slot})` },
            { label: "Time", value: <LocalTime date={receipt.occurredAt} /> },
            { label: "Payment method", value: receipt.paymentMethod ? paymentMethodLabel(receipt.paymentMethod) : "—" },
            { label: "Refund", value: receipt.refund ? <ConsumerBadge table={refundStatusWords} status={receipt.refund.status} /> : "None" },
            { label: "Points earned", value: formatCount(receipt.pointsEarned) },
            { label: "Amount", value: formatMoney(receipt.amountMinor, receipt.currency), strong: true },
          ]}
        />
        <p className="pb-3 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">Receipt no. {receipt.document.number}</p>
      </Card>

      <Card title="VAT" bodyClassName="px-4 py-1">
        <ReceiptVat receipt={receipt.document} />
      </Card>

      <div className="flex flex-wrap items-start gap-2 print:hidden">
        <a href={`/me/purchases/${encodeURIComponent(receipt.id)}/receipt.pdf`} className={buttonClasses("secondary", "md", "h-10")}>
          <FileDown aria-hidden />
          Download PDF
        </a>
        <EmailReceiptButton purchaseId={receipt.id} />
      </div>

      {receipt.refund && (
        <p role="status" className="rounded-md border border-zinc-200 bg-white px-3 py-2.5 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          {refundSentence(receipt.refund, receipt.currency)}
        </p>
      )}

      {(canReport || receipt.request) && (
        <ProblemReport
          saleId={receipt.id}
          request={
            receipt.request
              ? {
                  status: receipt.request.status,
                  reason: request?.reason ?? null,
                  decisionReason: receipt.request.decisionReason,
                  createdAt: request?.createdAt ?? null,
                  decidedAt: request?.decidedAt ?? null,
                }
              : null
          }
        />
      )}

      <div className="print:hidden">
        <SupportContact operator={receipt.operator} email={receipt.supportEmail} subject={`Purchase ${receipt.id}`} />
      </div>
    </div>
  );
}
