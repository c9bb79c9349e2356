"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { History, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FilterChip } from "~/app/_components/ui/filter-chip";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { LIVE_REFRESH_MS } from "../fleet-query";
import { eventKinds, eventsInput, eventsPageOptions, type EventKind } from "./describe-event";
import { EventItem } from "./event-item";
import { usePlanogram } from "./use-machine";

/** What the machine reported, newest first, a page at a time, filtered by kind of event. */
export function EventTimeline({ machineId }: { machineId: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const t = useTranslations("machines.events");
  const kindOptions = eventKinds.map((k) => ({ value: k.value, label: t(`kinds.${k.value}`) }));
  const [kind, setKind] = useState<EventKind | null>(null);
  const shownKind = useDeferredValue(kind);
  const types = eventKinds.find((k) => k.value === shownKind)?.types;
  const timeline = useSuspenseInfiniteQuery(
    trpc.machines.events.infiniteQueryOptions(
      eventsInput(org.id, machineId, types),
      { ...eventsPageOptions, refetchInterval: LIVE_REFRESH_MS },
    ),
  );
  const slots = usePlanogram(machineId);
  const products = useMemo(() => new Map(slots.map((s) => [s.code, s.productName ?? undefined])), [slots]);
  const productOf = useCallback((slot: string) => products.get(slot), [products]);
  const events = timeline.data.pages.flatMap((p) => p.events);
  const loading = kind !== shownKind;

  return (
    <Card
      id="events"
      title={t("title")}
      description={t("description")}
      bodyClassName="p-0"
      actions={
        <div className="flex items-center gap-2">
          {loading && <LoaderCircle aria-label={t("loading")} className="size-4 animate-spin text-zinc-500" />}
          <FilterChip label={t("type")} value={kind} options={kindOptions} onChange={setKind} />
        </div>
      }
    >
      {events.length === 0 ? (
        <EmptyState icon={<History />} title={kind ? t("noneOfType") : t("none")} className="m-4">
          {kind ? t("noneOfTypeText") : t("noneText")}
        </EmptyState>
      ) : (
        <ol aria-label={t("list")} aria-busy={loading} className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {events.map((event) => (
            <EventItem key={event.eventId} event={event} productOf={productOf} />
          ))}
        </ol>
      )}
      <FormAlert message={timeline.isFetchNextPageError ? errorMessageOf(timeline.error) : null} className="[&:not(:empty)]:m-4" />
      {timeline.hasNextPage && (
        <div className="flex justify-center border-t border-zinc-200 p-3 dark:border-zinc-800">
          <Button size="sm" onClick={() => timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
            {timeline.isFetchingNextPage && <LoaderCircle aria-hidden className="animate-spin" />}
            {timeline.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
          </Button>
        </div>
      )}
    </Card>
  );
}
