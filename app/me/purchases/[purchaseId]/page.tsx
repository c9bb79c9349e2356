import { TRPCError } from "@trpc/server";
import { ArrowLeft, FileDown } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConsumerBadge } from "~/app/_components/consumer/consumer-badge";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { ReceiptList, receiptCardBody } from "~/app/_components/consumer/receipt-list";
import { ReceiptSeller, ReceiptVat } from "~/app/_components/consumer/receipt-vat";
import { SupportContact } from "~/app/_components/consumer/support-contact";
import { getFormat } from "~/app/_components/i18n/get-format";
import { getPaymentMethodLabel } from "~/app/_components/labels/get-labels";
import { serverCaller } from "~/app/_trpc/server";
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
  return { title: (await getTranslations("consumer.me.receipt"))("meta", { product: receipt.product }) };
}

/** How the refund stands, in a sentence. */
function refundSentence(refund: { status: string; amountMinor: number }, amount: string, t: Awaited<ReturnType<typeof getTranslations<"consumer.me.receipt">>>): string {
  if (refund.status === "succeeded") return t("refunded", { amount });
  if (refund.status === "failed") return t("delayed", { amount });
  return t("refunding", { amount });
}

export default async function ReceiptPage({ params }: { params: Params }) {
  const { purchaseId } = await params;
  const receipt = await loadReceipt(purchaseId);
  const requests = receipt.request ? await (await serverCaller()).consumer.requests() : [];
  const request = requests.find((r) => r.id === receipt.request?.id) ?? null;
  const canReport = receipt.kind === "sale" && !receipt.refund && !receipt.request;
  const t = await getTranslations("consumer.me.receipt");
  const f = await getFormat();
  const methodLabel = await getPaymentMethodLabel();

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <Link href="/me" className={buttonClasses("ghost", "sm", "-ml-2.5 print:hidden")}>
        <ArrowLeft aria-hidden />
        {t("back")}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-[13px] font-medium text-zinc-500 dark:text-zinc-400">{t("kicker", { operator: receipt.operator })}</p>
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-950 dark:text-white">{receipt.product}</h1>
          <ConsumerBadge kind="purchase" status={receipt.status} className="mt-2" />
        </div>
        <PrintButton />
      </header>

      <Card bodyClassName={receiptCardBody}>
        <div className="border-b border-dashed border-zinc-200 py-3 dark:border-zinc-800">
          <ReceiptSeller seller={receipt.document.seller} />
        </div>
        <ReceiptList
          lines={[
            { label: t("operator"), value: receipt.operator },
            { label: t("machine"), value: receipt.machineName },
            { label: t("place"), value: receipt.location ?? "—" },
            { label: t("product"), value: t("productSlot", { product: receipt.product, slot: receipt.slot }) },
            { label: t("time"), value: <LocalTime date={receipt.occurredAt} /> },
            { label: t("paymentMethod"), value: receipt.paymentMethod ? methodLabel(receipt.paymentMethod) : "—" },
            { label: t("refund"), value: receipt.refund ? <ConsumerBadge kind="refund" status={receipt.refund.status} /> : t("none") },
            { label: t("points"), value: f.count(receipt.pointsEarned) },
            { label: t("amount"), value: f.money(receipt.amountMinor, receipt.currency), strong: true },
          ]}
        />
        <p className="pb-3 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{t("number", { number: receipt.document.number })}</p>
      </Card>

      <Card title={t("vat")} bodyClassName={receiptCardBody}>
        <ReceiptVat receipt={receipt.document} />
      </Card>

      <div className="flex flex-wrap items-start gap-2 print:hidden">
        <a href={`/me/purchases/${encodeURIComponent(receipt.id)}/receipt.pdf`} className={buttonClasses("secondary", "md", "h-10")}>
          <FileDown aria-hidden />
          {t("download")}
        </a>
        <EmailReceiptButton purchaseId={receipt.id} />
      </div>

      {receipt.refund && (
        <p role="status" className="rounded-md border border-zinc-200 bg-white px-3 py-2.5 text-sm dark:border-zinc-800 dark:bg-zinc-900">
          {refundSentence(receipt.refund, f.money(receipt.refund.amountMinor, receipt.currency), t)}
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
        <SupportContact operator={receipt.operator} email={receipt.supportEmail} subject={t("supportSubject", { id: receipt.id })} />
      </div>
    </div>
  );
}
