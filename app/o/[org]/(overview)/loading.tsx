import { useTranslations } from "next-intl";
import { Skeleton } from "~/app/_components/ui/skeleton";

// The overview's loading state lives in this route group on purpose: a loading.tsx at /o/[org]
// would wrap every page of the org in a Suspense boundary, and a page's notFound() (a machine of
// another organization) would then stream with status 200 instead of 404. Other pages stream their
// own skeletons with <Suspense> inside the page.

export default function OrgPageLoading() {
  const t = useTranslations("common.ui");
  return (
    <div role="status" aria-label={t("loading")}>
      <Skeleton className="h-6 w-48" />
      <Skeleton className="mt-2 mb-6 h-4 w-72" />
      <Skeleton className="h-20 w-full" />
      <div className="mt-6 space-y-2">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </div>
  );
}
