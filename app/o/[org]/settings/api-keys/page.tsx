import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { ApiKeysView } from "./api-keys-view";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/settings/api-keys`);
  const header = (
    <PageHeader
      title="API keys"
      description={
        <>
          Keys your accounting, BI and own tools use to call the VendOps REST API (/api/v1) as this organization, each limited to the scopes you choose. See the{" "}
          <Link href="/docs/api" className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            API reference
          </Link>{" "}
          and its <a href="/api/v1/openapi.json" className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">OpenAPI document</a>.
        </>
      }
    />
  );
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title="You need the admin role to manage API keys">
          Ask an owner or admin of {org.name}.
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.apiKeys.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      {header}
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <ApiKeysView />
      </Suspense>
    </HydrateClient>
  );
}
