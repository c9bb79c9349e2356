import { FileUp, Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Button } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { PlanogramImport } from "./planogram-import";
import { ProductDialog } from "./product-dialog";
import { ProductImport } from "./product-import";
import { ProductsTable } from "./products-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("products.page");
  return { title: t("title") };
}

export default async function ProductsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/products`);
  const t = await getTranslations("products.page");
  prefetch(trpc.products.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description", { currency: org.currency })}
        actions={
          hasRole(role, "manager") && (
            <>
              <PlanogramImport
                trigger={
                  <Button>
                    <FileUp aria-hidden />
                    {t("importPlanograms")}
                  </Button>
                }
              />
              <ProductImport
                trigger={
                  <Button>
                    <FileUp aria-hidden />
                    {t("importProducts")}
                  </Button>
                }
              />
              <ProductDialog
                trigger={
                  <Button variant="primary">
                    <Plus aria-hidden />
                    {t("addProduct")}
                  </Button>
                }
              />
            </>
          )
        }
      />
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <ProductsTable />
      </Suspense>
    </HydrateClient>
  );
}
