import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { Skeleton } from "~/app/_components/ui/skeleton";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { GenerateStatementsButton } from "./generate-button";
import { closedMonths, isMonth } from "./months";
import { MonthPicker } from "~/app/_components/org/month-picker";
import { StatementsView } from "./statements-view";

export async function generateMetadata() {
  const t = await getTranslations("hosts.page");
  return { title: t("title") };
}

export default async function HostStatementsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ month?: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/hosts`);
  const t = await getTranslations("hosts.page");
  const months = closedMonths(org.timeZone);
  const asked = (await searchParams).month;
  const month = isMonth(asked) && months.includes(asked) ? asked : months[0]!;
  prefetch(trpc.hosts.statements.list.queryOptions({ orgId: org.id, month }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description", { timeZone: org.timeZone })}
        actions={
          <>
            <MonthPicker months={months} value={month} />
            {hasRole(role, "manager") && <GenerateStatementsButton month={month} />}
          </>
        }
      />
      <Suspense
        fallback={
          <div className="space-y-5">
            <Skeleton className="h-20 w-full" />
            <TableSkeleton rows={6} className="" />
          </div>
        }
      >
        <StatementsView month={month} />
      </Suspense>
    </HydrateClient>
  );
}
