import { useTranslations } from "next-intl";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";

/** The cash page while its figures load: the headline row, the chart, the table. */
export function CashSkeleton() {
  const t = useTranslations("cash.view");
  return (
    <div role="status" aria-label={t("loading")} className="space-y-5">
      <Skeleton className="h-20 w-full" />
      <Skeleton className="h-52 w-full" />
      <TableSkeleton rows={8} className="" />
    </div>
  );
}
