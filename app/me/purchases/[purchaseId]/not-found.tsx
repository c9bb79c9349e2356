import { ReceiptText } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "~/app/_components/ui/button";
import { EmptyState } from "~/app/_components/ui/empty-state";

export default function ReceiptNotFound() {
  const t = useTranslations("consumer.me.receipt");
  return (
    <EmptyState
      icon={<ReceiptText />}
      title={t("notFoundTitle")}
      action={
        <Link href="/me" className={buttonClasses("secondary")}>
          {t("back")}
        </Link>
      }
    >
      {t("notFoundBody")}
    </EmptyState>
  );
}
