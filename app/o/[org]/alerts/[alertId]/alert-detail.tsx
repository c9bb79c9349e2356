"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, Check, CheckCheck, History } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { Field } from "~/app/_components/ui/field";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { NativeSelect } from "~/app/_components/ui/native-select";
import { useOrg } from "~/app/_components/org/org-context";
import { PageHeader } from "~/app/_components/ui/page-header";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { alertHeading, alertText } from "~/server/alerts/contract";
import { hasRole } from "~/server/tenancy/contract";
import { useDescribeAlertEvent } from "./describe-alert-event";
import { PaidBackButton } from "./paid-back-button";

/** Who can act on an alert without a name of their own, by `alerts.actor.<type>`. */
const actorTypes = ["system", "user", "machine", "api_key"] as const;
type ActorType = (typeof actorTypes)[number];

/** One alert: what, where, since when, who is on it, and everything that happened to it. */
export function AlertDetail({ alertId }: { alertId: string }) {
  const t = useTranslations("alerts");
  const describeAlertEvent = useDescribeAlertEvent();
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.alerts.get.queryOptions({ orgId: org.id, alertId }, { refetchInterval: 5_000 }));
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions({ orgId: org.id }));
  const { alert, machine, timeline } = data;
  const [note, setNote] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
  const acknowledge = useMutation(trpc.alerts.acknowledge.mutationOptions({ onSuccess: refresh }));
  const assign = useMutation(trpc.alerts.assign.mutationOptions({ onSuccess: refresh }));
  const resolve = useMutation(trpc.alerts.resolve.mutationOptions({ onSuccess: refresh }));
  const canAct = hasRole(org.role, "technician") && alert.status !== "resolved";
  const error = errorMessageOf(acknowledge.error ?? assign.error ?? resolve.error);
  const actorName = (type: string) => (actorTypes.includes(type as ActorType) ? t(`actor.${type as ActorType}`) : type);

  return (
    <>
      <Link href={`/o/${org.slug}/alerts`} className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        <ArrowLeft aria-hidden className="size-4" /> {t("detail.back")}
      </Link>
      <PageHeader
        title={alertHeading(alert, locale)}
        description={alertText(alert, locale)}
        actions={
          canAct && (
            <>
              {alert.status === "open" && (
                <Button onClick={() => acknowledge.mutate({ orgId: org.id, alertId })} disabled={acknowledge.isPending}>
                  <Check aria-hidden />
                  {t("detail.acknowledge")}
                </Button>
              )}
              {alert.rule === "cash_refund_owed" && <PaidBackButton alertId={alertId} data={alert.data} count={alert.count} note={note.trim()} />}
              <Button variant={alert.rule === "cash_refund_owed" ? "secondary" : "primary"} onClick={() => resolve.mutate({ orgId: org.id, alertId, ...(note.trim() ? { note: note.trim() } : {}) })} disabled={resolve.isPending}>
                <CheckCheck aria-hidden />
                {t("detail.resolve")}
              </Button>
            </>
          )
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <StatusBadge status={alert.status} />
          <StatusBadge status={alert.severity} />
          {alert.resolution && <span className="text-xs text-zinc-500 dark:text-zinc-400">{alert.resolution === "auto" ? t("detail.clearedByItself") : t("detail.resolvedByHand")}</span>}
        </div>
      </PageHeader>
      <FormAlert message={error} className="[&:not(:empty)]:mb-4" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card title={t("detail.timeline")} description={t("detail.timelineDescription")} bodyClassName="p-0">
          <ol aria-label={t("detail.timelineLabel")} className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {timeline.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-4 py-2.5 text-[13px]">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{describeAlertEvent(e)}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{e.actorLabel ?? actorName(e.actorType)}</span>
                <Timestamp date={e.createdAt} timeZone={org.timeZone} className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400" />
              </li>
            ))}
          </ol>
        </Card>
        <div className="space-y-6">
          <Card title={t("detail.details")}>
            <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-y-2 text-[13px]">
              <dt className="text-zinc-500 dark:text-zinc-400">{t("detail.machine")}</dt>
              <dd>
                {machine ? (
                  <Link className="hover:underline" href={`/o/${org.slug}/machines/${machine.id}`}>
                    {machine.name}
                  </Link>
                ) : (
                  "—"
                )}
                {machine?.locationName && <span className="block text-xs text-zinc-500 dark:text-zinc-400">{machine.locationName}</span>}
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">{t("detail.count")}</dt>
              <dd className="tabular-nums">{alert.count}</dd>
              <dt className="text-zinc-500 dark:text-zinc-400">{t("detail.firstSeen")}</dt>
              <dd>
                <Timestamp date={alert.firstSeenAt} timeZone={org.timeZone} />
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">{t("detail.lastSeen")}</dt>
              <dd>
                <RelativeTime date={alert.lastSeenAt} timeZone={org.timeZone} />
              </dd>
              {alert.resolvedAt && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">{t("detail.resolved")}</dt>
                  <dd>
                    <Timestamp date={alert.resolvedAt} timeZone={org.timeZone} />
                  </dd>
                </>
              )}
            </dl>
            {machine && (
              <Link href={`/o/${org.slug}/alerts?machine=${machine.id}&state=open,acknowledged,resolved`} className="mt-3 inline-flex items-center gap-1 text-[13px] text-brand-600 hover:underline dark:text-brand-500">
                <History aria-hidden className="size-3.5" /> {t("detail.history")}
              </Link>
            )}
          </Card>
          <Card title={t("detail.whoIsOnIt")}>
            <Field label={t("detail.assignee")}>
              {(control) => (
                <NativeSelect
                  {...control}
                  value={alert.assigneeId ?? ""}
                  disabled={!canAct || assign.isPending}
                  onChange={(e) => assign.mutate({ orgId: org.id, alertId, assigneeId: e.target.value || null })}
                >
                  <option value="">{t("detail.nobody")}</option>
                  {members.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </Field>
            {canAct && (
              <Field label={t("detail.resolutionNote")} optional className="mt-3">
                {(control) => (
                  <textarea
                    {...control}
                    value={note}
                    maxLength={500}
                    rows={3}
                    onChange={(e) => setNote(e.target.value)}
                    className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
                    placeholder={t("detail.resolutionPlaceholder")}
                  />
                )}
              </Field>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
