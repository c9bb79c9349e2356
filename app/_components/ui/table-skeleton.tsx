import { useTranslations } from "next-intl";
import { Skeleton } from "./skeleton";

/** What a table shows while its rows load. */
export function TableSkeleton({ rows = 4, className = "mt-6" }: { rows?: number; className?: string }) {
  const t = useTranslations("common.ui");
  return (
    <div role="status" aria-label={t("loading")} className={`${className} space-y-2`}>
      <Skeleton className="h-9 w-full" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-11 w-full" />
      ))}
    </div>
  );
}
