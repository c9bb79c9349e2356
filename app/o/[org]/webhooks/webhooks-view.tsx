"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { Plus, Send, Webhook } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { CopyField } from "~/app/_components/ui/copy-field";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { cellClasses, rowClasses, tableClasses, theadClasses } from "~/app/_components/ui/table-styles";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { EndpointDialog } from "./endpoint-dialog";

const deliveryTone = { delivered: "succeeded", pending: "queued", sending: "running", failed: "failed", cancelled: "revoked" } as const;
type DeliveryStatus = keyof typeof deliveryTone;
const isDeliveryStatus = (s: string): s is DeliveryStatus => Object.hasOwn(deliveryTone, s);

/** The org's endpoints with their actions, and the delivery log of the one selected. */
export function WebhooksView() {
  const org = useOrg();
  const t = useTranslations("webhooks.view");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: endpoints } = useSuspenseQuery(trpc.webhooks.list.queryOptions({ orgId: org.id }));
  const [selected, setSelected] = useState<string | null>(null);
  const current = endpoints.find((e) => e.id === selected) ?? endpoints[0];
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(trpc.webhooks.test.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const deliveries = useQuery({ ...trpc.webhooks.deliveries.queryOptions({ orgId: org.id, endpointId: current?.id ?? "" }, { refetchInterval: 5_000 }), enabled: Boolean(current) });
  const add = (
    <EndpointDialog
      trigger={
        <Button variant="primary">
          <Plus aria-hidden />
          {t("add")}
        </Button>
      }
    />
  );
  if (!current) {
    return (
      <EmptyState icon={<Webhook />} title={t("emptyTitle")} action={add}>
        {t("emptyBody")}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex justify-end">{add}</div>
      <ul aria-label={t("endpoints")} className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
        {endpoints.map((e) => (
          <li key={e.id} className={clsx("flex flex-wrap items-center gap-3 px-4 py-3 text-[13px]", e.id === current.id && "bg-zinc-50 dark:bg-zinc-800/40")}>
            <button type="button" onClick={() => setSelected(e.id)} aria-pressed={e.id === current.id} className="min-w-0 flex-1 text-left">
              <span className="block truncate font-mono text-xs text-zinc-900 dark:text-zinc-100">{e.url}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {e.description || t("noDescription")} · {e.eventTypes.length ? e.eventTypes.join(", ") : t("allEvents")}
              </span>
              {e.disabledReason && <span className="block text-xs text-red-600 dark:text-red-400">{e.disabledReason}</span>}
            </button>
            <StatusBadge status={e.enabled ? "active" : "disabled"} label={e.enabled ? t("enabled") : t("disabled")} />
            <Button size="sm" onClick={() => test.mutate({ orgId: org.id, endpointId: e.id })} disabled={test.isPending}>
              <Send aria-hidden />
              {t("test")}
            </Button>
            <Button size="sm" onClick={() => setEnabled.mutate({ orgId: org.id, endpointId: e.id, enabled: !e.enabled })}>
              {e.enabled ? t("disable") : t("enable")}
            </Button>
            <ConfirmDialog
              trigger={<Button size="sm">{t("rotateSecret")}</Button>}
              title={t("rotateTitle")}
              description={t("rotateDescription")}
              confirmLabel={t("rotate")}
              tone="primary"
              onConfirm={() => rotate.mutateAsync({ orgId: org.id, endpointId: e.id })}
            />
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="danger">
                  {t("delete")}
                </Button>
              }
              title={t("deleteTitle")}
              description={t("deleteDescription")}
              confirmLabel={t("deleteConfirm")}
              onConfirm={() => remove.mutateAsync({ orgId: org.id, endpointId: e.id })}
            />
          </li>
        ))}
      </ul>
      {test.data && (
        <p role="status" className={clsx("text-[13px]", test.data.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400")}>
          {test.data.ok ? t("testDelivered", { status: String(test.data.status), latency: String(test.data.latencyMs) }) : t("testFailed", { error: test.data.error ?? "" })}
        </p>
      )}
      <FormAlert message={errorMessageOf(test.error ?? setEnabled.error ?? rotate.error ?? remove.error)} />
      <Modal open={Boolean(rotate.data)} onOpenChange={(open) => !open && rotate.reset()} title={t("newSecret")} keepOpenOnOutsideClick>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">{t("shownOnce")}</p>
        {rotate.data && <CopyField label={t("secretLabel")} value={rotate.data.secret} />}
      </Modal>
      <Card title={t("log")} description={<span className="font-mono text-xs">{current.url}</span>} bodyClassName="p-0">
        {!deliveries.data?.length ? (
          <p className="px-4 py-5 text-[13px] text-zinc-500 dark:text-zinc-400">{deliveries.isLoading ? t("loading") : t("nothingSent")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className={tableClasses}>
              <thead className={theadClasses}>
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">{t("event")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("status")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("response")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("latency")}</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">{t("attempts")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("errorNext")}</th>
                  <th scope="col" className="px-3 py-2 font-medium">{t("created")}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.map((d) => (
                  <tr key={d.id} className={rowClasses}>
                    <td className={clsx(cellClasses, "font-mono text-xs")}>{d.eventType}</td>
                    <td className={cellClasses}>
                      <StatusBadge status={isDeliveryStatus(d.status) ? deliveryTone[d.status] : d.status} label={isDeliveryStatus(d.status) ? t(`delivery.${d.status}`) : d.status} />
                    </td>
                    <td className={clsx(cellClasses, "text-right tabular-nums")}>{d.responseStatus ?? "—"}</td>
                    <td className={clsx(cellClasses, "text-right tabular-nums")}>{d.latencyMs === null ? "—" : t("latencyMs", { latency: String(d.latencyMs) })}</td>
                    <td className={clsx(cellClasses, "text-right tabular-nums")}>{d.attempts}</td>
                    <td className={clsx(cellClasses, "max-w-xs text-xs")}>
                      {d.lastError ?? ""}
                      {d.status === "pending" && d.attempts > 0 && (
                        <span className="block text-zinc-500">
                          {t.rich("next", { time: () => <RelativeTime date={d.nextAttemptAt} timeZone={org.timeZone} /> })}
                        </span>
                      )}
                    </td>
                    <td className={clsx(cellClasses, "whitespace-nowrap")}>
                      <RelativeTime date={d.createdAt} timeZone={org.timeZone} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
