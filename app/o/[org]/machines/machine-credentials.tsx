"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "~/app/_components/i18n/format";
import { CopyField } from "~/app/_components/ui/copy-field";
import { useOrg } from "~/app/_components/org/org-context";
import { useOrigin } from "~/app/_components/hooks/use-origin";
import { endpointPath } from "./endpoint";

/**
 * A machine's credentials, shown once: after registering (id, secret, endpoint) or after a
 * rotation (the new secret, and until when the previous one still verifies).
 */
export function MachineCredentials({ machineId, secret, previousValidUntil }: { machineId: string; secret: string; previousValidUntil?: Date }) {
  const org = useOrg();
  const origin = useOrigin();
  const t = useTranslations("machines.credentials");
  const f = useFormat();
  const strong = (chunks: React.ReactNode) => <strong className="font-semibold">{chunks}</strong>;
  const code = (chunks: React.ReactNode) => <code className="font-mono text-xs">{chunks}</code>;
  return (
    <div className="space-y-4">
      <div role="status" className="flex gap-2.5 rounded-lg border border-amber-300 bg-amber-50 p-3 text-[13px] text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>{t.rich("warning", { strong })}</p>
      </div>
      <CopyField label={t("machineId")} value={machineId} />
      <CopyField label={t("secret")} value={secret} />
      <CopyField label={t("endpoint")} value={`${origin}${endpointPath(machineId)}`} />
      {previousValidUntil && (
        <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
          {t.rich("previousValid", {
            until: f.dateTime(previousValidUntil, org.timeZone),
            strong: (chunks) => <strong className="font-medium text-zinc-900 dark:text-zinc-100">{chunks}</strong>,
          })}
        </p>
      )}
      <div className="flex gap-2.5 rounded-lg bg-zinc-50 p-3 text-[13px] text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-400">
        <KeyRound aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
        <p>{t.rich("protocol", { strong: (chunks) => <strong className="font-medium text-zinc-800 dark:text-zinc-200">{chunks}</strong>, code })}</p>
      </div>
    </div>
  );
}
