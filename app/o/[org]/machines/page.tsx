import { Plus, QrCode } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Button, buttonClasses } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { FleetTable } from "./fleet-table";
import { fleetListInput, fleetQueryFrom } from "./fleet-query";
import { RegisterMachineDialog } from "./register-machine-dialog";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("machines");
  return { title: t("metadata.title") };
}

export default async function MachinesPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/machines`);
  const query = toSearchParams(await searchParams);
  prefetch(trpc.machines.list.queryOptions(fleetListInput(org.id, fleetQueryFrom(query))));
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  const manager = hasRole(role, "manager");
  const t = await getTranslations("machines.list");
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <a href={`/o/${org.slug}/machines/stickers.pdf`} className={buttonClasses("secondary")} download>
              <QrCode aria-hidden />
              {t("stickers")}
            </a>
            {manager && (
              <RegisterMachineDialog
                openFromUrl
                trigger={
                  <Button variant="primary">
                    <Plus aria-hidden />
                    {t("register")}
                  </Button>
                }
              />
            )}
          </>
        }
      />
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <FleetTable />
      </Suspense>
    </HydrateClient>
  );
}
