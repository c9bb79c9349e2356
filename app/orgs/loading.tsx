import { Skeleton } from "~/app/_components/ui/skeleton";

export default function OrgsLoading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="h-6 w-56" />
      <Skeleton className="mt-2 mb-6 h-4 w-80 max-w-full" />
      <div className="space-y-2">
        <Skeleton className="h-14 w-full" />
        <Skeleton className="h-14 w-full" />
      </div>
    </div>
  );
}
