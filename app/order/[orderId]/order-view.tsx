"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, CreditCard, FileDown } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { DemoPaymentsNote } from "~/app/_components/consumer/demo-payments-note";
import { LocalTime } from "~/app/_components/consumer/local-time";
import { ReceiptList } from "~/app/_components/consumer/receipt-list";
import { ReceiptSeller, ReceiptVat } from "~/app/_components/consumer/receipt-vat";
import { SupportContact } from "~/app/_components/consumer/support-contact";
import { paymentMethodLabel } from "~/app/_components/labels/payment-methods";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/types";
import { receiptLines } from "~/server/consumers/contract";
import { formatMoney } from "~/server/money";
import { OrderProgress } from "./order-progress";
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
function headline(order: Order): { title: string; body: React.ReactNode } {
  const amount = formatMoney(order.amountMinor, order.currency);
  const refund = order.refund;
  if (refund) {
    const refunded = formatMoney(refund.amountMinor, order.currency);
    if (refund.status === "succeeded") return { title: `Refunded ${refunded}`, body: <>Refunded on <LocalTime date={refund.updatedAt} />. It can take a few days to show on your statement.</> };
    if (refund.status === "failed") return { title: "Your refund is delayed", body: `The refund of ${refunded} did not go through yet. It is tried again automatically; if it does not arrive, contact ${order.operator.name}.` };
    return { title: `Your payment of ${refunded} is being refunded`, body: `The machine could not give you your ${order.productName}, so the payment goes back the way you paid.` };
  }
  switch (order.status) {
    case "awaiting_payment":
      return { title: "Waiting for your payment", body: "Finish paying to get your product. Nothing is charged until you do." };
    case "paid":
      return { title: `Paid. Your ${order.productName} is on its way`, body: `Watch slot ${order.slot}: the machine is dispensing it now.` };
    case "dispensed":
      return { title: `Enjoy your ${order.productName}`, body: `Dispensed from slot ${order.slot}. Thank you for your purchase.` };
    case "canceled":
      return { title: "Order canceled", body: "Nothing was charged. You can choose something again on the machine's page." };
    case "failed":
    case "expired":
      return { title: "Your product was not dispensed", body: `Your payment of ${amount} will be refunded automatically.` };
  }
}

export function OrderView({ orderId, signedIn }: { orderId: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const { data: order } = useQuery({
    ...trpc.checkout.order.queryOptions({ orderId }),
    refetchInterval: (query) => refetchEvery(query.state.data),
    refetchIntervalInBackground: false,
  });
  // The page fetched the order before rendering, so it is always there.
  if (!order) return null;
  const { title, body } = headline(order);
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
        <div role="status" aria-live="polite" aria-atomic="true">
          <h1 className="mt-0.5 text-2xl font-semibold tracking-tight text-balance text-zinc-950 dark:text-white">{title}</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{body}</p>
        </div>
      </div>

      {demo && <DemoPaymentsNote />}

      {order.status === "awaiting_payment" && order.checkoutUrl && (
        <a href={order.checkoutUrl} className={buttonClasses("primary", "lg", "h-12 w-full")}>
          <CreditCard aria-hidden />
          Continue to payment
        </a>
      )}

      <Card>
        <OrderProgress order={order} />
      </Card>

      <Card title="Receipt" bodyClassName="px-4 py-1">
        <div className="border-b border-dashed border-zinc-200 py-3 dark:border-zinc-800">
          <ReceiptSeller seller={seller} />
        </div>
        <ReceiptList
          lines={[
            { label: "Product", value: order.productName },
            { label: "Slot", value: order.slot },
            { label: "Machine", value: order.machine.location ? `${order.machine.name}, ${order.machine.location}` : order.machine.name },
            { label: "Operator", value: order.operator.name },
            { label: "Ordered", value: <LocalTime date={order.createdAt} /> },
            ...(order.paymentMethod ? [{ label: "Paid with", value: demo ? "Demo payment" : paymentMethodLabel(order.paymentMethod) }] : []),
            ...(order.refund ? [{ label: "Refund", value: `${formatMoney(order.refund.amountMinor, order.currency)} · ${order.refund.status === "succeeded" ? "refunded" : order.refund.status === "failed" ? "delayed" : "pending"}` }] : []),
            { label: "Amount", value: formatMoney(order.amountMinor, order.currency), strong: true },
          ]}
        />
        {charged && (
          <div className="border-t border-dashed border-zinc-200 dark:border-zinc-800">
            <ReceiptVat receipt={{ ...vat, currency: order.currency }} />
          </div>
        )}
        <p className="pb-3 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">Order {order.id}</p>
      </Card>

      {charged && (
        <a href={`/order/${encodeURIComponent(order.id)}/receipt.pdf`} className={buttonClasses("secondary", "md", "h-10 print:hidden")}>
          <FileDown aria-hidden />
          Download receipt (PDF)
        </a>
      )}

      <SaveOrder order={order} signedIn={signedIn} />

      <div className="space-y-3 pt-1">
        <SupportContact operator={order.operator.name} email={order.operator.supportEmail} subject={`Order ${order.id}`} />
        <Link href={`/m/${order.machine.id}`} className={buttonClasses("ghost", "md", "-ml-3 h-10")}>
          <ArrowLeft aria-hidden />
          Back to {order.machine.name}
        </Link>
      </div>
    </div>
  );
}
