"use client";

import { useMutation } from "@tanstack/react-query";
import { CalendarCheck, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useOrg } from "~/app/_components/org/org-context";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { PlanAcceptanceView } from "~/server/replenishment/contract";
import { formatClock } from "~/server/time";

const names = (list: string[]) => (list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`);

/** What an accepted plan did: who accepted it when, who was told, and what nobody could be told about. */
export function acceptanceText(a: PlanAcceptanceView, timeZone: string): string {
  const by = a.acceptedByName ? ` by ${a.acceptedByName}` : "";
  const told = a.notified.length > 0 ? `${names(a.notified)} ${a.notified.length === 1 ? "was" : "were"} told their stops.` : "No technician was told.";
  const unassigned =
    a.unassignedStops > 0 ? ` ${a.unassignedStops} ${a.unassignedStops === 1 ? "stop is" : "stops are"} on no route with a technician: give them a route to tell someone.` : "";
  return `Today's plan (${a.stops} ${a.stops === 1 ? "stop" : "stops"}) accepted${by} at ${formatClock(new Date(a.acceptedAt), timeZone)}. ${told}${unassigned}`;
}

/**
 * Managers: accept today's plan as it stands and tell each route's technician their stops, in one
 * press; once accepted (by anyone), says who accepted it and who was told.
 */
export function AcceptPlan({ acceptance, visitsToday, canAccept }: { acceptance: PlanAcceptanceView | null; visitsToday: number; canAccept: boolean }) {
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.plans.acceptToday.mutationOptions({ onSuccess: () => router.refresh() }));
  const done = accept.data ?? acceptance;

  if (done) return <FormAlert tone="success" message={acceptanceText(done, org.timeZone)} className="mt-3" />;
  if (!canAccept || visitsToday === 0) return null;
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button variant="primary" onClick={() => accept.mutate({ orgId: org.id })} disabled={accept.isPending} className="min-h-11 sm:min-h-9">
        {accept.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <CalendarCheck aria-hidden />}
        Accept today&apos;s plan and notify technicians
      </Button>
      <FormAlert message={accept.error ? errorMessageOf(accept.error) : null} />
    </div>
  );
}
