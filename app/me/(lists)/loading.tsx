import { useTranslations } from "next-intl";
import { Skeleton } from "~/app/_components/ui/skeleton";

// The lists stream behind this skeleton. A receipt is outside this group on purpose: under a loading
// boundary its "not found" would arrive after a 200 had been sent, and an unknown purchase must answer 404.
export default function ConsumerLoading() {
  const t = useTranslations("consumer.me");
  return (
    <div role="status" aria-label={t("loading")}>
      <Skeleton className="h-6 w-48" />
      <Skeleton className="mt-2 mb-6 h-4 w-72 max-w-full" />
      <div className="space-y-2">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    </div>
  );
}
