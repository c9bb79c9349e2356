import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "~/app/_trpc/server";
import { PurchasesBill } from "../purchases-bill";
import { purchasesInput, purchasesPageOptions } from "../purchases-query";

export const metadata: Metadata = { title: "My purchases" };

export default async function PurchasesPage() {
  await getQueryClient().prefetchInfiniteQuery(trpc.consumer.purchases.infiniteQueryOptions(purchasesInput, purchasesPageOptions));
  return (
    <>
      <PageHeader title="My purchases" description="Everything you bought at machines while signed in, and what happened to it." />
      <HydrateClient>
        <PurchasesBill />
      </HydrateClient>
    </>
  );
}
