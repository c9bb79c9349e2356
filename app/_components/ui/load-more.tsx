"use client";

import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { errorMessageOf } from "~/app/_trpc/errors";
import { useFormat } from "../i18n/format";
import { Button } from "./button";
import { FormAlert } from "./form-alert";

/** Where a paged list stands: more to load, loading, the error of the page that failed. */
export interface LoadMoreState {
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  load: () => void;
}

/** The load-more state of an infinite query. */
export function loadMoreOf(list: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}): LoadMoreState {
  return { hasMore: list.hasNextPage, loading: list.isFetchingNextPage, error: list.isFetchNextPageError ? list.error : null, load: () => void list.fetchNextPage() };
}

/** The foot of a paged list: how many rows are shown, "Load more" while there are more, and a failed page's error. */
export function LoadMore({ shown, more }: { shown: number; more: LoadMoreState }) {
  const t = useTranslations("common.ui");
  const f = useFormat();
  return (
    <>
      <FormAlert message={more.error ? errorMessageOf(more.error) : null} className="[&:not(:empty)]:mt-3" />
      <div className="mt-3 flex items-center justify-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
        <span>{t.rich("loadMore.showing", { count: f.count(shown), n: (chunks) => <span className="tabular">{chunks}</span> })}</span>
        {more.hasMore && (
          <Button size="sm" onClick={more.load} disabled={more.loading}>
            {more.loading && <LoaderCircle aria-hidden className="animate-spin" />}
            {more.loading ? t("loadingEllipsis") : t("loadMore.loadMore")}
          </Button>
        )}
      </div>
    </>
  );
}
