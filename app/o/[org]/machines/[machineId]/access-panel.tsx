"use client";

import { useMutation } from "@tanstack/react-query";
import { Power, PowerOff, QrCode, RotateCcwKey } from "lucide-react";
import { useState } from "react";
import { Button, buttonClasses } from "~/app/_components/ui/button";
import { Card } from "~/app/_components/ui/card";
import { ConfirmDialog } from "~/app/_components/ui/confirm-dialog";
import { CopyButton } from "~/app/_components/ui/copy-button";
import { Modal } from "~/app/_components/ui/modal";
import { useOrg } from "~/app/_components/org/org-context";
import { Timestamp } from "~/app/_components/ui/timestamp";
import { useOrigin } from "~/app/_components/hooks/use-origin";
import { useTRPC } from "~/app/_trpc/client";
import { hasRole } from "~/server/tenancy/contract";
import { endpointPath } from "../endpoint";
import { ConnectMachine } from "../connect-machine";
import { MachineCredentials } from "../machine-credentials";
import { useMachine, useRefreshMachine } from "./use-machine";

const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** How the machine gets in: its endpoint and secrets; managers rotate the secret or disable it. */
export function AccessPanel({ machineId }: { machineId: string }) {
  const org = useOrg();
  const trpc = useTRPC();
  const origin = useOrigin();
  const { machine, credentials } = useMachine(machineId);
  const refresh = useRefreshMachine(machineId);
  const [rotated, setRotated] = useState<{ secret: string; previousValidUntil: Date } | null>(null);
  const rotate = useMutation(trpc.machines.rotateSecret.mutationOptions());
  const setDisabled = useMutation(trpc.machines.setDisabled.mutationOptions());
  const manager = hasRole(org.role, "manager");
  const disabled = machine.status === "disabled";
  const endpoint = `${origin}${endpointPath(machineId)}`;

  return (
    <Card id="access" title="Machine access" description="Where the machine sends its events and how it signs them.">
      <dl className="space-y-3 text-[13px]">
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Machine ID</dt>
          <dd className="mt-0.5 font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{machineId}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Endpoint</dt>
          <dd className="mt-0.5 font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{endpoint}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Signing secret</dt>
          <dd className="mt-0.5 text-zinc-900 dark:text-zinc-100">
            {credentials.currentSince ? (
              <>
                Current secret since <Timestamp date={credentials.currentSince} timeZone={org.timeZone} />
              </>
            ) : (
              "No secret: rotate to issue one."
            )}
          </dd>
          {credentials.previousExpiresAt && (
            <dd className="mt-1 text-amber-800 dark:text-amber-300">
              Previous secret valid until <Timestamp date={credentials.previousExpiresAt} timeZone={org.timeZone} />
            </dd>
          )}
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Requests</dt>
          <dd className="mt-0.5 text-zinc-900 dark:text-zinc-100">{disabled ? "Refused: the machine is disabled (403)" : "Accepted when signed"}</dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-2">
        <CopyButton text={endpoint} label="Copy endpoint" size="sm" />
        <a href={`/o/${org.slug}/machines/${machineId}/sticker.pdf`} className={buttonClasses("secondary", "sm")} download>
          <QrCode aria-hidden />
          QR sticker (PDF)
        </a>
      </div>
      <section aria-labelledby="connect-title" className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <h3 id="connect-title" className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Connect and test
        </h3>
        <ConnectMachine machineId={machineId} secret={rotated?.secret ?? null} collapsible />
      </section>
      {manager && (
        <div className="mt-4 flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <ConfirmDialog
            trigger={
              <Button size="sm">
                <RotateCcwKey aria-hidden />
                Rotate secret
              </Button>
            }
            title={`Rotate the secret of ${machine.name}?`}
            description="A new secret is issued and shown once. The current one keeps verifying for 24 hours, so the machine can be updated without losing events; after that only the new secret is accepted."
            confirmLabel="Rotate secret"
            tone="primary"
            onConfirm={async () => {
              const result = await rotate.mutateAsync({ orgId: org.id, machineId });
              setRotated({ secret: result.secret, previousValidUntil: new Date(Date.now() + ROTATION_GRACE_MS) });
              await refresh();
            }}
          />
          {disabled ? (
            <ConfirmDialog
              trigger={
                <Button size="sm">
                  <Power aria-hidden />
                  Enable machine
                </Button>
              }
              title={`Enable ${machine.name}?`}
              description="Its signed requests are accepted again; it shows as offline until it next reports."
              confirmLabel="Enable machine"
              tone="primary"
              onConfirm={async () => {
                await setDisabled.mutateAsync({ orgId: org.id, machineId, disabled: false });
                await refresh();
              }}
            />
          ) : (
            <ConfirmDialog
              trigger={
                <Button size="sm">
                  <PowerOff aria-hidden />
                  Disable machine
                </Button>
              }
              title={`Disable ${machine.name}?`}
              description="Its requests are refused with 403 (machine_disabled) until you enable it again: no sales, stock or faults are recorded meanwhile. Use it for a stolen or decommissioned machine."
              confirmLabel="Disable machine"
              onConfirm={async () => {
                await setDisabled.mutateAsync({ orgId: org.id, machineId, disabled: true });
                await refresh();
              }}
            />
          )}
        </div>
      )}
      <Modal
        open={rotated !== null}
        onOpenChange={(open) => !open && setRotated(null)}
        title="New secret issued"
        description={`Update ${machine.name} with this secret. This is the only time it is shown.`}
        keepOpenOnOutsideClick
      >
        {rotated && <MachineCredentials machineId={machineId} secret={rotated.secret} previousValidUntil={rotated.previousValidUntil} />}
        <div className="mt-5 flex justify-end border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <Button variant="primary" onClick={() => setRotated(null)}>
            I have saved the secret
          </Button>
        </div>
      </Modal>
    </Card>
  );
}
