import { Skeleton } from "~/app/_components/skeleton";

export default function OrgPageLoading() {
  return (
    <div role="status" aria-label="Loading">
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
