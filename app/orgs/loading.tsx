import { useTranslations } from "next-intl";
import { Skeleton } from "~/app/_components/ui/skeleton";

export default function OrgsLoading() {
  const t = useTranslations("orgs");
  return (
    <div role="status" aria-label={t("loading")}>
      <Skeleton className="h-6 w-56" />
      <Skeleton className="mt-2 mb-6 h-4 w-80 max-w-full" />
      <div className="space-y-2">
        <Skeleton className="h-14 w-full" />
        <Skeleton className="h-14 w-full" />
      </div>
    </div>
  );
}
