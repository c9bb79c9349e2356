"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { Check, ChevronRight, LoaderCircle, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/app/_components/ui/button";
import { CopyButton } from "~/app/_components/ui/copy-button";
import { FormAlert } from "~/app/_components/ui/form-alert";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrg } from "~/app/_components/org/org-context";
import { useOrigin } from "~/app/_components/hooks/use-origin";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessageOf } from "~/app/_trpc/errors";
import { hasRole } from "~/server/tenancy/contract";
import { endpointPath } from "./endpoint";
import { curlExample, nodeExample } from "./example-request";

/** How often the first event is looked for while the machine has not reported yet. */
const FIRST_EVENT_POLL_MS = 3000;

const examples = { curl: { label: "curl", render: curlExample }, node: { label: "Node.js", render: nodeExample } } as const;
type ExampleKind = keyof typeof examples;

/**
 * Connecting a machine: a signed example request (with the secret when it is on screen), a test
 * event the server sends as the machine, and a live "First event received" tick. `collapsible`: the
 * example folds away (on the machine's page, where it is looked up now and then).
 */
export function ConnectMachine({ machineId, secret = null, collapsible = false }: { machineId: string; secret?: string | null; collapsible?: boolean }) {
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const origin = useOrigin();
  const t = useTranslations("machines.connect");
  const [kind, setKind] = useState<ExampleKind>("curl");
  const connection = useQuery(
    trpc.machines.connection.queryOptions(
      { orgId: org.id, machineId },
      { refetchInterval: (query) => (query.state.data?.connected ? false : FIRST_EVENT_POLL_MS) },
    ),
  );
  const test = useMutation(
    trpc.machines.sendTestEvent.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.machines.connection.queryKey({ orgId: org.id, machineId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.machines.get.queryKey({ orgId: org.id, machineId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.machines.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.machines.onboarding.queryKey({ orgId: org.id }) });
      },
    }),
  );
  const endpoint = `${origin}${endpointPath(machineId)}`;
  const code = examples[kind].render({ endpoint, secret });
  const lastSeenAt = connection.data?.lastSeenAt ?? null;
  const testAcceptedAt = test.data?.receivedAt;
  const example = (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
          {secret ? t("signedShown") : t("signed")}
        </p>
        <div role="group" aria-label={t("exampleLanguage")} className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
          {(Object.keys(examples) as ExampleKind[]).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={kind === k}
              onClick={() => setKind(k)}
              className={clsx(
                "rounded px-2.5 py-1 text-[13px] font-medium",
                kind === k ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
              )}
            >
              {examples[k].label}
            </button>
          ))}
        </div>
      </div>
      <pre
        tabIndex={0}
        className="mt-2 max-h-72 overflow-y-auto rounded-lg bg-zinc-950 p-3 font-mono text-[11px] leading-relaxed break-all whitespace-pre-wrap text-zinc-100 dark:border dark:border-zinc-800"
      >
        {code}
      </pre>
      <div className="mt-2">
        <CopyButton text={code} label={t("copyExample")} what={t("exampleWhat", { language: examples[kind].label })} size="sm" />
      </div>
    </>
  );

  return (
    <div className="space-y-4">
      <div
        role="status"
        aria-live="polite"
        className={clsx(
          "flex items-center gap-2.5 rounded-lg border p-3 text-[13px]",
          lastSeenAt
            ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700/60 dark:bg-emerald-950/40 dark:text-emerald-100"
            : "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-800/60 dark:text-zinc-300",
        )}
      >
        {lastSeenAt ? (
          <>
            <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-emerald-500 text-white">
              <Check aria-hidden className="size-3.5" strokeWidth={3} />
            </span>
            <p>
              {t.rich("firstEvent", {
                strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
                time: () => <Timestamp date={lastSeenAt} timeZone={org.timeZone} />,
              })}
            </p>
          </>
        ) : (
          <>
            <LoaderCircle aria-hidden className="size-4 shrink-0 animate-spin text-zinc-500 motion-reduce:animate-none" />
            <p>
              {connection.isPending ? t("checking") : connection.isError ? t("checkFailed") : t("waiting")}
            </p>
          </>
        )}
      </div>

      {collapsible ? (
        <details className="group rounded-lg border border-zinc-200 dark:border-zinc-800">
          <summary className="flex cursor-pointer items-center gap-1.5 rounded-lg px-3 py-2 text-sm font-medium text-zinc-900 select-none hover:bg-zinc-50 dark:text-zinc-100 dark:hover:bg-zinc-800/60 [&::-webkit-details-marker]:hidden">
            <ChevronRight aria-hidden className="size-4 text-zinc-500 transition-transform group-open:rotate-90" />
            {t("example")}
          </summary>
          <div className="border-t border-zinc-200 p-3 dark:border-zinc-800">{example}</div>
        </details>
      ) : (
        <div>
          <h4 className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{t("example")}</h4>
          {example}
        </div>
      )}

      {hasRole(org.role, "manager") && (
        <div className="space-y-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
            {t("testExplain")}
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button size="sm" onClick={() => test.mutate({ orgId: org.id, machineId })} disabled={test.isPending}>
              {test.isPending ? <LoaderCircle aria-hidden className="animate-spin" /> : <Send aria-hidden />}
              {t("sendTest")}
            </Button>
            {testAcceptedAt && (
              <p role="status" className="text-[13px] text-emerald-700 dark:text-emerald-400">
                {t.rich("testAccepted", { time: () => <Timestamp date={testAcceptedAt} timeZone={org.timeZone} /> })}
              </p>
            )}
          </div>
          <FormAlert message={errorMessageOf(test.error)} />
        </div>
      )}
    </div>
  );
}
