"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import { ApiKeyDialog } from "./api-key-dialog";

/** The org's API keys: prefix, name, scopes, last use, expiry and status, with revoke. */
export function ApiKeysView() {
  const t = useTranslations("settings.apiKeys");
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: keys } = useSuspenseQuery(trpc.apiKeys.list.queryOptions({ orgId: org.id }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }) }));
  const add = (
    <ApiKeyDialog
      trigger={
        <Button variant="primary">
          <Plus aria-hidden />
          {t("create")}
        </Button>
      }
    />
  );
  if (keys.length === 0) {
    return (
      <EmptyState icon={<KeyRound />} title={t("emptyTitle")} action={add}>
        {t.rich("emptyBody", { code: (chunks) => <code className="font-mono text-xs">{chunks}</code> })}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex justify-end">{add}</div>
      <ul aria-label={t("list")} className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
        {keys.map((k) => (
          <li key={k.id} className="flex flex-wrap items-start gap-3 px-4 py-3 text-[13px]">
            <div className="min-w-0 flex-1 basis-64">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{k.name}</span>
                <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{k.prefix}…</code>
                <StatusBadge status={k.status} label={t(`status.${k.status}`)} />
              </p>
              <p className="mt-1 break-words font-mono text-xs text-zinc-600 dark:text-zinc-400">{k.scopes.join(" ")}</p>
              <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
                <span>
                  {k.lastUsedAt
                    ? t.rich("lastUsed", { when: () => <RelativeTime date={k.lastUsedAt} timeZone={org.timeZone} /> })
                    : t("lastUsedNever")}
                </span>
                <span>
                  {k.expiresAt
                    ? t.rich(k.status === "expired" ? "expired" : "expires", { when: () => <Timestamp date={k.expiresAt!} timeZone={org.timeZone} dateOnly /> })
                    : t("noExpiry")}
                </span>
                <span>{t.rich("created", { when: () => <RelativeTime date={k.createdAt} timeZone={org.timeZone} /> })}</span>
              </p>
            </div>
            {k.status !== "revoked" && (
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant="danger">
                    {t("revoke")}
                  </Button>
                }
                title={t("revokeTitle", { name: k.name })}
                description={t("revokeDescription")}
                confirmLabel={t("revokeConfirm")}
                onConfirm={() => revoke.mutateAsync({ orgId: org.id, apiKeyId: k.id })}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
