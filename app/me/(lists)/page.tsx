import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/ui/page-header";
import { HydrateClient, getQueryClient, trpc } from "~/app/_trpc/server";
import { PurchasesBill } from "../purchases-bill";
import { purchasesInput, purchasesPageOptions } from "../purchases-query";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consumer.me.purchases"))("title") };
}

export default async function PurchasesPage() {
  const t = await getTranslations("consumer.me.purchases");
  await getQueryClient().prefetchInfiniteQuery(trpc.consumer.purchases.infiniteQueryOptions(purchasesInput, purchasesPageOptions));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrateClient>
        <PurchasesBill />
      </HydrateClient>
    </>
  );
}
