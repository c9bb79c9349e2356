import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { chosenRouteId } from "./chosen-route";
import { TodayView } from "./today-view";

/** Installable from here: the manifest opens the app on this org's route. */
export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const { org } = await params;
  const t = await getTranslations("routes.today");
  return { title: t("title"), manifest: `/o/${encodeURIComponent(org)}/routes/today/manifest.webmanifest` };
}

export default async function TodayPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<{ route?: string | string[] }> }) {
  const { org: slug } = await params;
  const { route } = await searchParams;
  const { org, role } = await requireMember(slug, `/o/${slug}/routes/today`);
  if (!hasRole(role, "technician")) {
    const t = await getTranslations("routes.today");
    return <PageHeader title={t("title")} description={t("notTechnician")} />;
  }
  prefetch(trpc.routes.mine.queryOptions({ orgId: org.id }));
  // The same choice the view makes, so its day is fetched here rather than from the browser.
  const routes = await (await serverCaller()).routes.mine({ orgId: org.id });
  const routeId = chosenRouteId(typeof route === "string" ? route : undefined, routes);
  if (routeId) prefetch(trpc.routes.day.queryOptions({ orgId: org.id, routeId }));
  return (
    <HydrateClient>
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <TodayView />
      </Suspense>
    </HydrateClient>
  );
}
