"use client";

import { useMutation } from "@tanstack/react-query";
import { Power, PowerOff, QrCode, RotateCcwKey } from "lucide-react";
import { useTranslations } from "next-intl";
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
  const { currentSince, previousExpiresAt } = credentials;
  const refresh = useRefreshMachine(machineId);
  const [rotated, setRotated] = useState<{ secret: string; previousValidUntil: Date } | null>(null);
  const rotate = useMutation(trpc.machines.rotateSecret.mutationOptions());
  const setDisabled = useMutation(trpc.machines.setDisabled.mutationOptions());
  const manager = hasRole(org.role, "manager");
  const t = useTranslations("machines.access");
  const disabled = machine.status === "disabled";
  const endpoint = `${origin}${endpointPath(machineId)}`;

  return (
    <Card id="access" title={t("title")} description={t("description")}>
      <dl className="space-y-3 text-[13px]">
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("machineId")}</dt>
          <dd className="mt-0.5 font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{machineId}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("endpoint")}</dt>
          <dd className="mt-0.5 font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{endpoint}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("secret")}</dt>
          <dd className="mt-0.5 text-zinc-900 dark:text-zinc-100">
            {currentSince ? (
              t.rich("currentSince", { time: () => <Timestamp date={currentSince} timeZone={org.timeZone} /> })
            ) : (
              t("noSecret")
            )}
          </dd>
          {previousExpiresAt && (
            <dd className="mt-1 text-amber-800 dark:text-amber-300">
              {t.rich("previousUntil", { time: () => <Timestamp date={previousExpiresAt} timeZone={org.timeZone} /> })}
            </dd>
          )}
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{t("requests")}</dt>
          <dd className="mt-0.5 text-zinc-900 dark:text-zinc-100">{disabled ? t("refused") : t("accepted")}</dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-2">
        <CopyButton text={endpoint} label={t("copyEndpoint")} size="sm" />
        <a href={`/o/${org.slug}/machines/${machineId}/sticker.pdf`} className={buttonClasses("secondary", "sm")} download>
          <QrCode aria-hidden />
          {t("sticker")}
        </a>
      </div>
      <section aria-labelledby="connect-title" className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <h3 id="connect-title" className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {t("connect")}
        </h3>
        <ConnectMachine machineId={machineId} secret={rotated?.secret ?? null} collapsible />
      </section>
      {manager && (
        <div className="mt-4 flex flex-wrap gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <ConfirmDialog
            trigger={
              <Button size="sm">
                <RotateCcwKey aria-hidden />
                {t("rotate")}
              </Button>
            }
            title={t("rotateTitle", { name: machine.name })}
            description={t("rotateDescription")}
            confirmLabel={t("rotate")}
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
                  {t("enable")}
                </Button>
              }
              title={t("enableTitle", { name: machine.name })}
              description={t("enableDescription")}
              confirmLabel={t("enable")}
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
                  {t("disable")}
                </Button>
              }
              title={t("disableTitle", { name: machine.name })}
              description={t("disableDescription")}
              confirmLabel={t("disable")}
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
        title={t("newSecret")}
        description={t("newSecretDescription", { name: machine.name })}
        keepOpenOnOutsideClick
      >
        {rotated && <MachineCredentials machineId={machineId} secret={rotated.secret} previousValidUntil={rotated.previousValidUntil} />}
        <div className="mt-5 flex justify-end border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <Button variant="primary" onClick={() => setRotated(null)}>
            {t("savedSecret")}
          </Button>
        </div>
      </Modal>
    </Card>
  );
}
