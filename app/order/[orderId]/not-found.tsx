import { ReceiptText } from "lucide-react";
import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { ConsumerNotFound } from "~/app/_components/consumer/consumer-not-found";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumer.order"))("notFoundMeta") };
}

export default function OrderNotFound() {
  const t = useTranslations("consumer.order");
  return (
    <ConsumerNotFound icon={<ReceiptText aria-hidden />} title={t("notFoundTitle")} action={{ href: "/me", label: t("myPurchases") }}>
      {t("notFoundBody")}
    </ConsumerNotFound>
  );
}
