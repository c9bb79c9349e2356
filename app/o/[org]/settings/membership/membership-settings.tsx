"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Card } from "~/app/_components/ui/card";
import { useFormat } from "~/app/_components/i18n/format";
import { useOrg } from "~/app/_components/org/org-context";
import { Stat } from "~/app/_components/ui/stat";
import { StatusBadge } from "~/app/_components/ui/status-badge";
import { useTRPC } from "~/app/_trpc/client";
import { MembershipForm } from "./membership-form";

/** The program's figures, then its settings: a form for admins, a summary for everyone else. */
export function MembershipSettings({ editable }: { editable: boolean }) {
  const t = useTranslations("settings.membership");
  const f = useFormat();
  const org = useOrg();
  const trpc = useTRPC();
  const { data: program } = useSuspenseQuery(trpc.loyalty.get.queryOptions({ orgId: org.id }));
  return (
    <div className="max-w-3xl space-y-6">
      <dl
        aria-label={t("members")}
        className="grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 dark:border-zinc-800 dark:bg-zinc-800"
      >
        <Stat label={t("members")}>
          <span className="tabular">{f.count(program.memberCount)}</span>
        </Stat>
        <Stat label={t("pointsOutstanding")}>
          <span className="tabular">{f.count(program.pointsOutstanding)}</span>
        </Stat>
      </dl>
      {editable ? (
        <Card title={t("program")} description={t("programDescription")}>
          <MembershipForm program={program} />
        </Card>
      ) : (
        <Card title={t("program")} bodyClassName="p-0">
          <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            <div className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">{t("state")}</dt>
              <dd className="sm:col-span-2">
                <StatusBadge status={program.enabled ? "active" : "disabled"} label={program.enabled ? t("on") : t("off")} />
              </dd>
            </div>
            <div className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">{t("points")}</dt>
              <dd className="tabular sm:col-span-2">
                {t("pointsRate", { points: program.pointsPerUnit, currency: org.currency })}
              </dd>
            </div>
            <div className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="text-zinc-500 dark:text-zinc-400">{t("tiers")}</dt>
              <dd className="sm:col-span-2">
                {program.tiers.length === 0 ? (
                  t("noTiers")
                ) : (
                  <ul className="space-y-1">
                    {program.tiers.map((tier) => (
                      <li key={tier.name}>
                        <span className="font-medium">{tier.name}</span>{" "}
                        <span className="tabular text-zinc-500 dark:text-zinc-400">{t("tierFrom", { points: f.count(tier.minPoints) })}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      )}
    </div>
  );
}
