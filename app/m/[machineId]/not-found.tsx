import { QrCode } from "lucide-react";
import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { ConsumerNotFound } from "~/app/_components/consumer/consumer-not-found";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumer.machine"))("notFoundMeta") };
}

export default function MachineNotFound() {
  const t = useTranslations("consumer.machine");
  return (
    <ConsumerNotFound icon={<QrCode aria-hidden />} title={t("notFoundTitle")} action={{ href: "/", label: t("home") }}>
      {t("notFoundBody")}
    </ConsumerNotFound>
  );
}
