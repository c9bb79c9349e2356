"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { Button } from "~/app/_components/ui/button";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { RelativeTime } from "~/app/_components/ui/relative-time";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useTRPC } from "~/app/_trpc/client";
import type { ApiKeyStatus } from "~/server/tenancy/contract";
import { ApiKeyDialog } from "./api-key-dialog";

const statusLabels: Record<ApiKeyStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/** The org's API keys: prefix, name, scopes, last use, expiry and status, with revoke. */
export function ApiKeysView() {
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
          Create key
        </Button>
      }
    />
  );
  if (keys.length === 0) {
    return (
      <EmptyState icon={<KeyRound />} title="Create your first API key" action={add}>
        An integration sends the key as <code className="font-mono text-xs">Authorization: Bearer …</code>; it can do only what its scopes allow.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex justify-end">{add}</div>
      <ul aria-label="API keys" className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/60">
        {keys.map((k) => (
          <li key={k.id} className="flex flex-wrap items-start gap-3 px-4 py-3 text-[13px]">
            <div className="min-w-0 flex-1 basis-64">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{k.name}</span>
                <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{k.prefix}…</code>
                <StatusBadge status={k.status} label={statusLabels[k.status]} />
              </p>
              <p className="mt-1 break-words font-mono text-xs text-zinc-600 dark:text-zinc-400">{k.scopes.join(" ")}</p>
              <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
                <span>
                  Last used {k.lastUsedAt ? <RelativeTime date={k.lastUsedAt} timeZone={org.timeZone} /> : "never"}
                </span>
                <span>
                  {k.expiresAt ? (
                    <>
                      {k.status === "expired" ? "Expired" : "Expires"} <Timestamp date={k.expiresAt} timeZone={org.timeZone} dateOnly />
                    </>
                  ) : (
                    "No expiry"
                  )}
                </span>
                <span>
                  Created <RelativeTime date={k.createdAt} timeZone={org.timeZone} />
                </span>
              </p>
            </div>
            {k.status !== "revoked" && (
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant="danger">
                    Revoke
                  </Button>
                }
                title={`Revoke the key ${k.name}?`}
                description="Integrations using it are refused at once. This cannot be undone; create a new key to restore access."
                confirmLabel="Revoke key"
                onConfirm={() => revoke.mutateAsync({ orgId: org.id, apiKeyId: k.id })}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
