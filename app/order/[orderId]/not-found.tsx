import { ReceiptText } from "lucide-react";
import type { Metadata } from "next";
import { ConsumerNotFound } from "~/app/_components/consumer/consumer-not-found";

export const metadata: Metadata = { title: "Order not found" };

export default function OrderNotFound() {
  return (
    <ConsumerNotFound icon={<ReceiptText aria-hidden />} title="We could not find this order" action={{ href: "/me", label: "My purchases" }}>
      Check that you opened the whole link. Signed in? Your purchases are listed in your account.
    </ConsumerNotFound>
  );
}
