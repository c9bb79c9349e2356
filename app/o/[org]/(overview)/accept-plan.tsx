"use client";

import { useMutation } from "@tanstack/react-query";
import { CalendarCheck, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { Button } from "~/app/_components/ui/button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import type { PlanAcceptanceView } from "~/server/replenishment/contract";
import { intlLocale } from "~/server/i18n/locales";

/** What an accepted plan did, in the page's language: who accepted it when, who was told, and what nobody could be told about. */
function useAcceptanceText(): (a: PlanAcceptanceView, timeZone: string) => string {
  const t = useTranslations("overview.acceptPlan");
  const f = useFormat();
  const names = new Intl.ListFormat(intlLocale(useLocale()), { type: "conjunction" });
  return (a, timeZone) => {
    const time = f.clock(new Date(a.acceptedAt), timeZone);
    const accepted = a.acceptedByName ? t("acceptedBy", { count: a.stops, name: a.acceptedByName, time }) : t("accepted", { count: a.stops, time });
    const told = a.notified.length > 0 ? t("told", { names: names.format(a.notified), count: a.notified.length }) : t("nobodyTold");
    const unassigned = a.unassignedStops > 0 ? t("unassigned", { count: a.unassignedStops }) : "";
    return t("summary", { accepted, told, unassigned });
  };
}

/**
 * Managers: accept today's plan as it stands and tell each route's technician their stops, in one
 * press; once accepted (by anyone), says who accepted it and who was told.
 */
export function AcceptPlan({ acceptance, visitsToday, canAccept }: { acceptance: PlanAcceptanceView | null; visitsToday: number; canAccept: boolean }) {
  const t = useTranslations("overview.acceptPlan");
  const acceptanceText = useAcceptanceText();
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
        {t("accept")}
      </Button>
      <FormAlert message={accept.error ? errorMessageOf(accept.error) : null} />
    </div>
  );
}
