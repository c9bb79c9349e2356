import { Route } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "~/app/_components/ui/card";
import type { MachineToVisit } from "~/server/replenishment/contract";

/**
 * The machines someone should visit today, as the replenishment plan says. Its data comes in as a
 * prop, so the plan can feed it without touching the rest of the overview.
 */
export function MachinesToVisit({ machines, base }: { machines: MachineToVisit[]; base: string }) {
  const t = useTranslations("overview.toVisit");
  return (
    <Card title={t("title")} description={t("description")} bodyClassName={machines.length > 0 ? "p-0" : "p-4"}>
      {machines.length === 0 ? (
        <div className="flex items-start gap-3 text-[13px] text-zinc-500 dark:text-zinc-400">
          <Route aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <p>{t("empty")}</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {machines.map((m) => (
            <li key={m.machineId} className="px-4 py-2.5 text-[13px]">
              <Link href={`${base}/machines/${m.machineId}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                {m.name}
              </Link>
              <span className="text-zinc-500 dark:text-zinc-400">
                {m.locationName ? ` · ${m.locationName}` : ""} · {m.reason}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
