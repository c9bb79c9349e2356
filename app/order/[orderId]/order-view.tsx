"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, CreditCard, FileDown } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { DemoPaymentsNote } from "~/app/_components/consumer/demo-payments-note";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { ReceiptList, receiptCardBody } from "~/app/_components/consumer/receipt-list";
import { ReceiptSeller, ReceiptVat } from "~/app/_components/consumer/receipt-vat";
import { SupportContact } from "~/app/_components/consumer/support-contact";
import { useFormat, type Format } from "~/app/_components/i18n/format";
import { usePaymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { receiptLines } from "~/server/consumers/contract";
import { OrderProgress } from "./order-progress";
import { PaymentQr } from "./payment-qr";
import { SaveOrder } from "./save-order";

type Order = RouterOutputs["checkout"]["order"];

/** Nothing more will happen to the order: stop asking. A refund that failed is retried, so keep asking, slowly. */
function refetchEvery(order: Order | undefined): number | false {
  if (!order) return 2000;
  if (order.status === "dispensed" || (order.status === "canceled" && !order.refund)) return false;
  if (order.refund?.status === "succeeded") return false;
  if (order.refund?.status === "failed") return 15_000;
  return 2000;
}

/** The order's state in one sentence, announced when it changes. */
function headline(order: Order, t: ReturnType<typeof useTranslations<"consumer.order.headline">>, f: Format): { title: string; body: React.ReactNode } {
  const amount = f.money(order.amountMinor, order.currency);
  const product = order.productName;
  const refund = order.refund;
  if (refund) {
    const refunded = f.money(refund.amountMinor, order.currency);
    if (refund.status === "succeeded") return { title: t("refundedTitle", { amount: refunded }), body: t.rich("refundedBody", { time: () => <LocalTime date={refund.updatedAt} /> }) };
    if (refund.status === "failed") return { title: t("delayedTitle"), body: t("delayedBody", { amount: refunded, operator: order.operator.name }) };
    return { title: t("refundingTitle", { amount: refunded }), body: t("refundingBody", { product }) };
  }
  switch (order.status) {
    case "awaiting_payment":
      return { title: t("awaitingTitle"), body: t("awaitingBody") };
    case "paid":
      return { title: t("paidTitle", { product }), body: t("paidBody", { slot: order.slot }) };
    case "dispensed":
      return { title: t("dispensedTitle", { product }), body: t("dispensedBody", { slot: order.slot }) };
    case "canceled":
      return { title: t("canceledTitle"), body: t("canceledBody") };
    case "failed":
    case "expired":
      return { title: t("failedTitle"), body: t("failedBody", { amount }) };
  }
}

export function OrderView({ orderId, signedIn }: { orderId: string; signedIn: boolean }) {
  const t = useTranslations("consumer.order");
  const words = useTranslations("consumer.order.headline");
  const f = useFormat();
  const methodLabel = usePaymentMethodLabel();
  const trpc = useTRPC();
  const { data: order } = useQuery({
    ...trpc.checkout.order.queryOptions({ orderId }),
    refetchInterval: (query) => refetchEvery(query.state.data),
    refetchIntervalInBackground: false,
  });
  // The page fetched the order before rendering, so it is always there.
  if (!order) return null;
  const { title, body } = headline(order, words, f);
  const demo = order.provider === "demo";
  const charged = order.status !== "awaiting_payment" && order.status !== "canceled";
  const vat = receiptLines({ product: order.productName, amountMinor: order.amountMinor, vatRateBp: order.vatRateBp, status: charged ? "paid" : "canceled", refund: order.refund });
  const seller = { name: order.operator.name, legalName: order.operator.legalName, address: order.operator.legalAddress, vatNumber: order.operator.vatNumber, supportEmail: order.operator.supportEmail };

  return (
    <div className="space-y-4">
      <div>
        <p className="text-[13px] font-medium text-zinc-500 dark:text-zinc-400">
          {order.operator.name} · {order.machine.name}
        </p>
        <div role="status" aria-live="polite" aria-atomic>
          <h1 className="mt-0.5 text-2xl font-semibold tracking-tight text-balance text-zinc-950 dark:text-white">{title}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
        </div>
      </div>

      {demo && <DemoPaymentsNote />}

      {order.status === "awaiting_payment" && order.checkoutQrCode && <PaymentQr code={order.checkoutQrCode} provider={order.provider} />}

      {order.status === "awaiting_payment" && order.checkoutUrl && !order.checkoutQrCode && (
        <a href={order.checkoutUrl} className={buttonClasses("primary", "lg", "h-12 w-full")}>
          <CreditCard aria-hidden />
          {t("continue")}
        </a>
      )}

      <Card>
        <OrderProgress order={order} />
      </Card>

      <Card title={t("receipt")} bodyClassName={receiptCardBody}>
        <div className="border-b border-dashed border-zinc-200 py-3 dark:border-zinc-800">
          <ReceiptSeller seller={seller} />
        </div>
        <ReceiptList
          lines={[
            { label: t("product"), value: order.productName },
            { label: t("slot"), value: order.slot },
            { label: t("machine"), value: order.machine.location ? `${order.machine.name}, ${order.machine.location}` : order.machine.name },
            { label: t("operator"), value: order.operator.name },
            { label: t("ordered"), value: <LocalTime date={order.createdAt} /> },
            ...(order.paymentMethod ? [{ label: t("paidWith"), value: demo ? t("demoPayment") : methodLabel(order.paymentMethod) }] : []),
            ...(order.refund ? [{ label: t("refund"), value: t("refundState", { amount: f.money(order.refund.amountMinor, order.currency), state: order.refund.status }) }] : []),
            { label: t("amount"), value: f.money(order.amountMinor, order.currency), strong: true },
          ]}
        />
        {charged && (
          <div className="border-t border-dashed border-zinc-200 dark:border-zinc-800">
            <ReceiptVat receipt={{ ...vat, currency: order.currency }} />
          </div>
        )}
        <p className="pb-3 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{t("orderId", { id: order.id })}</p>
      </Card>

      {charged && (
        <a href={`/order/${encodeURIComponent(order.id)}/receipt.pdf`} className={buttonClasses("secondary", "md", "h-10 print:hidden")}>
          <FileDown aria-hidden />
          {t("download")}
        </a>
      )}

      <SaveOrder order={order} signedIn={signedIn} />

      <div className="space-y-3 pt-1">
        <SupportContact operator={order.operator.name} email={order.operator.supportEmail} subject={t("supportSubject", { id: order.id })} />
        <Link href={`/m/${order.machine.id}`} className={buttonClasses("ghost", "md", "-ml-3 h-10")}>
          <ArrowLeft aria-hidden />
          {t("back", { machine: order.machine.name })}
        </Link>
      </div>
    </div>
  );
}
