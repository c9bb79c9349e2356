import { FileUp, Plus } from "lucide-react";
import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/products`);
  prefetch(trpc.products.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Products"
        description={`What your machines sell, with prices and costs in ${org.currency}.`}
        actions={
          hasRole(role, "manager") && (
            <>
              <PlanogramImport
                trigger={
                  <Button>
                    <FileUp aria-hidden />
                    Import planograms
                  </Button>
                }
              />
              <ProductImport
                trigger={
                  <Button>
                    <FileUp aria-hidden />
                    Import products
                  </Button>
                }
              />
              <ProductDialog
                trigger={
                  <Button variant="primary">
                    <Plus aria-hidden />
                    Add product
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
