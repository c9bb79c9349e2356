import { Skeleton } from "~/app/_components/skeleton";

export default function ConsumerLoading() {
  return (
    <div role="status" aria-label="Loading">
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
