"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createStore, del, entries, set, type UseStore } from "idb-keyval";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { RouterInputs } from "~/app/_trpc/types";

type VisitInput = RouterInputs["visits"]["record"];

/** A visit recorded on this phone that the server has not confirmed yet. */
export interface QueuedVisit {
  input: VisitInput & { visitKey: string };
  /** Who recorded it: on a shared phone, each member sends only their own visits. */
  userId: string;
  stopName: string;
  queuedAt: Date;
  /** The server refused it (a 4xx): it stays until the technician discards it. */
  refusal?: string;
}

interface VisitQueue {
  visits: QueuedVisit[];
  /** Whether the queue is being sent right now. */
  sending: boolean;
  enqueue: (visit: Omit<QueuedVisit, "queuedAt" | "userId">) => Promise<void>;
  discard: (visitKey: string) => Promise<void>;
  /** Sends what is queued, oldest first, once at a time. */
  flush: () => Promise<void>;
}

const QueueContext = createContext<VisitQueue | null>(null);

let store: UseStore | null = null;
/** The phone's queue, in IndexedDB: it outlives a closed tab, a reload and a dead battery. */
const queueStore = () => (store ??= createStore("vendops-visits", "queue"));

/** Whether a failed send is worth sending again later: no answer at all, or the server's own failure. */
export function isRetryable(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } | null } | null)?.data?.httpStatus;
  return typeof status !== "number" || status >= 500;
}

/** Whether the phone believes it has a network. */
export const online = () => typeof navigator === "undefined" || navigator.onLine;

/**
 * Holds the visits queued on this phone for one org and sends them when the network returns (the
 * `online` event) and when the page loads. Each carries the visit key chosen on the phone, so a
 * visit sent twice (a lost answer, two tabs) is recorded once and answers the same visit.
 */
export function VisitQueueProvider({ orgId, userId, children }: { orgId: string; userId: string; children: React.ReactNode }) {
  const t = useTranslations("routes.visit");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [visits, setVisits] = useState<QueuedVisit[]>([]);
  const [sending, setSending] = useState(false);
  const flushing = useRef<Promise<void> | null>(null);
  // Never paused by React Query while offline: the queue decides when to send.
  const record = useMutation(trpc.visits.record.mutationOptions({ networkMode: "always" }));
  const { mutateAsync } = record;

  const load = useCallback(async () => {
    // Without IndexedDB (a private window on an old phone) nothing is queued; saving says so.
    const all = (await entries<string, QueuedVisit>(queueStore()).catch(() => []))
      .map(([, v]) => v)
      .filter((v) => v.input.orgId === orgId && v.userId === userId)
      .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime());
    setVisits(all);
    return all;
  }, [orgId, userId]);

  const sendAll = useCallback(async () => {
    const queued = await load();
    let sent = 0;
    for (const visit of queued) {
      if (visit.refusal) continue;
      if (!online()) break;
      try {
        await mutateAsync(visit.input);
        await del(visit.input.visitKey, queueStore());
        sent++;
      } catch (error) {
        if (isRetryable(error)) break;
        await set(visit.input.visitKey, { ...visit, refusal: errorMessageOf(error) ?? t("refusedFallback") }, queueStore());
      }
    }
    await load();
    if (sent > 0) {
      await queryClient.invalidateQueries({ queryKey: trpc.routes.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.visits.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
    }
  }, [load, mutateAsync, queryClient, trpc, t]);

  const flush = useCallback(() => {
    // One send at a time in this tab, and across tabs where the browser offers locks.
    flushing.current ??= (async () => {
      setSending(true);
      try {
        if (typeof navigator !== "undefined" && navigator.locks) await navigator.locks.request("vendops-visit-queue", () => sendAll());
        else await sendAll();
      } finally {
        setSending(false);
        flushing.current = null;
      }
    })();
    return flushing.current;
  }, [sendAll]);

  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [flush]);

  // The network can come back without an `online` event (or the first try after it can fail): try again now and then.
  const waiting = visits.some((v) => !v.refusal);
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => void (online() && flush()), 30_000);
    return () => window.clearInterval(timer);
  }, [waiting, flush]);

  const value = useMemo<VisitQueue>(
    () => ({
      visits,
      sending,
      flush,
      enqueue: async (visit) => {
        await set(visit.input.visitKey, { ...visit, userId, queuedAt: new Date() }, queueStore());
        await load();
      },
      discard: async (visitKey) => {
        await del(visitKey, queueStore());
        await load();
      },
    }),
    [visits, sending, flush, load, userId],
  );
  return <QueueContext value={value}>{children}</QueueContext>;
}

/** The visits queued on this phone and what to do with them. */
export function useVisitQueue(): VisitQueue {
  const queue = useContext(QueueContext);
  if (!queue) throw new Error("useVisitQueue() needs a <VisitQueueProvider> above it.");
  return queue;
}
