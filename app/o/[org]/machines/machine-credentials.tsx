"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { CopyField } from "~/app/_components/ui/copy-field";
import { useOrg } from "~/app/_components/org/org-context";
import { formatDateTime } from "~/server/time";
import { useOrigin } from "~/app/_components/hooks/use-origin";
import { endpointPath } from "./endpoint";

/**
 * A machine's credentials, shown once: after registering (id, secret, endpoint) or after a
 * rotation (the new secret, and until when the previous one still verifies).
 */
export function MachineCredentials({ machineId, secret, previousValidUntil }: { machineId: string; secret: string; previousValidUntil?: Date }) {
  const org = useOrg();
  const origin = useOrigin();
  return (
    <div className="space-y-4">
      <div role="status" className="flex gap-2.5 rounded-lg border border-amber-300 bg-amber-50 p-3 text-[13px] text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          <strong className="font-semibold">Copy the secret now: it will not be shown again.</strong> VendOps keeps it encrypted and
          cannot display it later. If it gets lost, rotate it on the machine&apos;s page.
        </p>
      </div>
      <CopyField label="Machine ID" value={machineId} />
      <CopyField label="Secret" value={secret} />
      <CopyField label="Endpoint" value={`${origin}${endpointPath(machineId)}`} />
      {previousValidUntil && (
        <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
          The previous secret keeps verifying for 24 hours, until{" "}
          <strong className="font-medium text-zinc-900 dark:text-zinc-100">{formatDateTime(previousValidUntil, org.timeZone)}</strong>, so the
          machine can be updated without losing events. After that only this secret is accepted.
        </p>
      )}
      <div className="flex gap-2.5 rounded-lg bg-zinc-50 p-3 text-[13px] text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-400">
        <KeyRound aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
        <p>
          The machine POSTs its events as JSON to the endpoint and signs each request with the secret using the{" "}
          <strong className="font-medium text-zinc-800 dark:text-zinc-200">Standard Webhooks</strong> scheme (headers{" "}
          <code className="font-mono text-xs">webhook-id</code>, <code className="font-mono text-xs">webhook-timestamp</code>,{" "}
          <code className="font-mono text-xs">webhook-signature</code>); any Standard Webhooks library can sign. Event types and answers are
          described in <code className="font-mono text-xs">docs/machine-protocol-v1.md</code> of the VendOps repository.
        </p>
      </div>
    </div>
  );
}
